/* ui-prompt.c - the prompts on the message line: yes/no and one-key
 * choices (one key answers), and text input with editing, history per
 * kind of question, and Tab completion of folder names.  The prompt takes
 * the cursor. */
#include "config.h"

#include <ctype.h>
#include <curses.h>
#include <dirent.h>
#include <strings.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>

#include "ebox/i18n.h"
#include "ebox/keyname.h"
#include "ebox/buf.h"
#include "ebox/text.h"
#include "ebox/utf8.h"
#include "ebox/xdg.h"
#include "ebox/xalloc.h"
#include "ui.h"
#include "ui-theme.h"

#define PROMPT_MAX 4096         /* characters */

static void
ui_prompt_reset(struct ui_prompt *p)
{
	free(p->question);
	free(p->buf);
	free(p->choices);
	memset(p, 0, sizeof *p);
}

void
ui_prompt_close(struct ui *ui)
{
	ui_prompt_reset(&ui->prompt);
}

static void
ui_prompt_open(struct ui *ui, enum ui_prompt_kind kind, const char *question,
    ui_prompt_fn fn, void *ud)
{
	ui_prompt_reset(&ui->prompt);
	ui->prompt.kind = kind;
	ui->prompt.question = xstrdup(question);
	ui->prompt.fn = fn;
	ui->prompt.ud = ud;
	ui->prompt.hist_pos = -1;
	ui->dirty |= UI_DIRTY_LINE;
}

void
ui_prompt_yesno(struct ui *ui, const char *question, ui_prompt_fn fn,
    void *ud)
{
	/* y and n always work; j (ja) and o (oui) too. */
	ui_prompt_open(ui, PROMPT_YESNO, question, fn, ud);
	ui->prompt.suffix = _("(y/n)");
}

void
ui_prompt_choice(struct ui *ui, const char *question, const char *choices,
    ui_prompt_fn fn, void *ud)
{
	ui_prompt_open(ui, PROMPT_CHOICE, question, fn, ud);
	ui->prompt.choices = xstrdup(choices);
}

void
ui_prompt_choice_words(struct ui *ui, const char *question,
    const char *choices, const char *const *words, ui_prompt_fn fn, void *ud)
{
	ui_prompt_choice(ui, question, choices, fn, ud);
	ui->prompt.words = words;
}

/* Replaces the edited text with the UTF-8 string s. */
static void
ui_prompt_set(struct ui_prompt *p, const char *s)
{
	size_t n = s ? strlen(s) : 0, i = 0, used;
	uint32_t cp;

	p->len = p->pos = 0;
	if (p->cap < n + 1) {
		p->cap = n + 1;
		p->buf = xreallocarray(p->buf, p->cap, sizeof *p->buf);
	}
	while (i < n && p->len < PROMPT_MAX) {
		used = utf8_decode(s + i, n - i, &cp);
		i += used ? used : 1;
		p->buf[p->len++] = (wchar_t)cp;
	}
	p->pos = p->len;
}

/* The edited text as a new UTF-8 string. */
static char *
ui_prompt_get(const struct ui_prompt *p)
{
	struct buf b;
	char u[4];
	size_t i;

	buf_init(&b, PROMPT_MAX * 4 + 1);
	for (i = 0; i < p->len; i++)
		buf_append(&b, u, utf8_encode((uint32_t)p->buf[i], u));
	return buf_steal(&b);
}

void
ui_prompt_text(struct ui *ui, const char *question, const char *initial,
    int history, ui_prompt_fn fn, void *ud)
{
	ui_prompt_open(ui, PROMPT_TEXT, question, fn, ud);
	ui->prompt.history = history;
	ui_prompt_set(&ui->prompt, initial);
}

/* Closes the prompt, then answers (so the answer may open another). */
static int
ui_prompt_finish(struct ui *ui, const char *answer)
{
	ui_prompt_fn fn = ui->prompt.fn;
	void *ud = ui->prompt.ud;
	char *copy = xstrdup(answer);
	int dirty;

	ui_prompt_reset(&ui->prompt);
	dirty = UI_DIRTY_LINE | fn(ui, copy, ud);
	free(copy);
	return dirty;
}

static void
ui_history_add(struct ui *ui, int h, const char *text)
{
	if (*text == '\0' || (ui->n_history[h] > 0 &&
	    strcmp(ui->history[h][ui->n_history[h] - 1], text) == 0))
		return;
	ui->history[h] = xreallocarray(ui->history[h], ui->n_history[h] + 1,
	    sizeof *ui->history[h]);
	ui->history[h][ui->n_history[h]++] = xstrdup(text);
}

/* A word answering a question (":sort subject", ":hide-message yes"):
 * its key, or 0. */
static int
ui_prompt_word_key(const struct ui_prompt *p, const char *text)
{
	size_t i, n = strlen(text);

	if (p->kind == PROMPT_YESNO)
		return strncasecmp(text, "yes", n) == 0 ? 'y' :
		    strncasecmp(text, "no", n) == 0 ? 'n' : 0;
	if (n == 1 && strchr(p->choices, text[0]) != NULL)
		return text[0];
	for (i = 0; p->words != NULL && p->words[i] != NULL; i++) {
		if (n > 0 && strncasecmp(p->words[i], text, n) == 0)
			return p->choices[i];
	}
	return 0;
}

int
ui_prompt_submit(struct ui *ui, const char *text)
{
	struct ui_prompt *p = &ui->prompt;
	char answer[2];
	int h = p->history;

	if (p->kind != PROMPT_TEXT) {
		if ((answer[0] = (char)ui_prompt_word_key(p, text)) == 0) {
			p->hint = _("Please answer with one of the letters in "
			    "brackets.");
			return UI_DIRTY_LINE;
		}
		answer[1] = '\0';
		return ui_prompt_finish(ui, answer);
	}
	ui_history_add(ui, h, text);
	return ui_prompt_finish(ui, text);
}

static void
ui_prompt_history(struct ui *ui, int dir)
{
	struct ui_prompt *p = &ui->prompt;
	size_t n = ui->n_history[p->history];
	int pos = p->hist_pos < 0 ? (int)n : p->hist_pos;

	pos += dir;
	if (pos < 0 || n == 0)
		return;
	if (pos >= (int)n) {
		p->hist_pos = -1;
		ui_prompt_set(p, "");
		return;
	}
	p->hist_pos = pos;
	ui_prompt_set(p, ui->history[p->history][pos]);
}

/* Tab: the typed part completed from cands (the longest common start of
 * those that start with it; ignoring case and accents with fold), head
 * kept before it.  Returns how many match (the caller says so when that
 * is not one). */
static size_t
ui_prompt_complete_from(struct ui *ui, const char *head, const char *part,
    char **cands, size_t n, bool fold)
{
	char *want = fold ? text_fold(part) : xstrdup(part), *line;
	const char *first = NULL;
	size_t i, common = 0, matches = 0, len = strlen(want);

	for (i = 0; i < n; i++) {
		char *c = fold ? text_fold(cands[i]) : xstrdup(cands[i]);

		if (strncmp(c, want, len) == 0) {
			if (first == NULL) {
				first = cands[i];
				common = strlen(first);
			} else {
				size_t k = 0;

				while (k < common && cands[i][k] != '\0' &&
				    (fold ? tolower((unsigned char)first[k]) ==
				    tolower((unsigned char)cands[i][k]) :
				    first[k] == cands[i][k]))
					k++;
				common = k;
			}
			matches++;
		}
		free(c);
	}
	if (first != NULL) {
		line = xasprintf("%s%.*s", head, (int)(matches == 1 ?
		    strlen(first) : common), first);
		ui_prompt_set(&ui->prompt, line);
		free(line);
	}
	if (matches == 0)
		ui_message(ui, _("Nothing starts with \"%s\"."), part);
	free(want);
	return matches;
}

static void
ui_prompt_complete_folders(struct ui *ui, const char *typed)
{
	char **cands = xcalloc(ui->n_folders + 1, sizeof *cands);
	size_t i, n;

	for (i = 0; i < ui->n_folders; i++)
		cands[i] = (char *)ui_folder_label(ui, ui->folders[i].name);
	n = ui_prompt_complete_from(ui, "", typed, cands, ui->n_folders, true);
	if (n > 1)
		ui_message(ui, ngettext("%zu folder matches.",
		    "%zu folders match.", n), n);
	free(cands);
}

/* ':' : an operation or a configuration command, then, after "set", an
 * option. */
static void
ui_prompt_complete_command(struct ui *ui, const char *typed)
{
	static const char *const statements[] = { "set", "source", "bind",
	    "unbind", "macro", "color", "mono", NULL };
	const char *space = strrchr(typed, ' ');
	char **cands = NULL;
	size_t n = 0, i;

	if (space != NULL && strncmp(typed, "set ", 4) == 0 &&
	    space == typed + 3) {
		for (i = 0; config_options[i].name != NULL; i++) {
			cands = xreallocarray(cands, n + 1, sizeof *cands);
			cands[n++] = (char *)config_options[i].name;
		}
		if ((n = ui_prompt_complete_from(ui, "set ", space + 1, cands,
		    n, false)) > 1)
			ui_message(ui, ngettext("%zu option matches.",
			    "%zu options match.", n), n);
		free(cands);
		return;
	}
	if (space != NULL)
		return;         /* arguments: nothing to complete */
	for (i = 0; i < ui_n_ops; i++) {
		cands = xreallocarray(cands, n + 1, sizeof *cands);
		cands[n++] = (char *)ui_ops[i].name;
	}
	for (i = 0; statements[i] != NULL; i++) {
		cands = xreallocarray(cands, n + 1, sizeof *cands);
		cands[n++] = (char *)statements[i];
	}
	if ((n = ui_prompt_complete_from(ui, "", typed, cands, n, false)) > 1)
		ui_message(ui, ngettext("%zu command matches.",
		    "%zu commands match.", n), n);
	free(cands);
}

/* A path: the entries of its directory (~ understood); a directory
 * gets its '/', so Tab goes on into it. */
static void
ui_prompt_complete_path(struct ui *ui, const char *typed)
{
	const char *slash = strrchr(typed, '/');
	char *head = xstrndup(typed, slash != NULL ? (size_t)(slash - typed) + 1 :
	    0), *part = slash != NULL ? (char *)slash + 1 : (char *)typed;
	char *dir = xdg_expand_home(*head != '\0' ? head : "."), *full;
	char **cands = NULL;
	struct dirent *d;
	struct stat st;
	size_t n = 0, i;
	DIR *dp;

	if ((dp = opendir(dir)) != NULL) {
		while ((d = readdir(dp)) != NULL) {
			if (strcmp(d->d_name, ".") == 0 ||
			    strcmp(d->d_name, "..") == 0 ||
			    (d->d_name[0] == '.' && part[0] != '.'))
				continue;
			full = xasprintf("%s/%s", dir, d->d_name);
			cands = xreallocarray(cands, n + 1, sizeof *cands);
			cands[n++] = stat(full, &st) == 0 && S_ISDIR(st.st_mode) ?
			    xasprintf("%s/", d->d_name) : xstrdup(d->d_name);
			free(full);
		}
		closedir(dp);
	}
	if ((i = ui_prompt_complete_from(ui, head, part, cands, n, false)) > 1)
		ui_message(ui, ngettext("%zu file matches.", "%zu files match.",
		    i), i);
	for (i = 0; i < n; i++)
		free(cands[i]);
	free(cands);
	free(dir);
	free(head);
}

static void
ui_prompt_complete(struct ui *ui)
{
	struct ui_prompt *p = &ui->prompt;
	char *typed = ui_prompt_get(p);

	if (p->complete_folders)
		ui_prompt_complete_folders(ui, typed);
	else if (p->history == HIST_COMMAND)
		ui_prompt_complete_command(ui, typed);
	else if (p->history == HIST_PATH)
		ui_prompt_complete_path(ui, typed);
	free(typed);
}

static void
ui_prompt_insert(struct ui_prompt *p, wchar_t wc)
{
	if (p->len >= PROMPT_MAX)
		return;
	if (p->len + 1 >= p->cap) {
		p->cap = p->cap ? p->cap * 2 : 64;
		p->buf = xreallocarray(p->buf, p->cap, sizeof *p->buf);
	}
	memmove(p->buf + p->pos + 1, p->buf + p->pos,
	    (p->len - p->pos) * sizeof *p->buf);
	p->buf[p->pos++] = wc;
	p->len++;
}

static void
ui_prompt_delete(struct ui_prompt *p, size_t from, size_t to)
{
	memmove(p->buf + from, p->buf + to, (p->len - to) * sizeof *p->buf);
	p->len -= to - from;
	p->pos = from;
}

/* Editing keys; returns false for keys it does not know. */
static bool
ui_prompt_edit(struct ui *ui, int key, bool is_char)
{
	struct ui_prompt *p = &ui->prompt;
	size_t k;

	if (is_char && key >= ' ' && key != 127) {
		ui_prompt_insert(p, (wchar_t)key);
		return true;
	}
	switch (key) {
	case KEYNAME_FN + KEYFN_BACKSPACE: case 127: case 8:
		if (p->pos > 0)
			ui_prompt_delete(p, p->pos - 1, p->pos);
		return true;
	case KEYNAME_FN + KEYFN_DELETE: case 4:                  /* ^D */
		if (p->pos < p->len)
			ui_prompt_delete(p, p->pos, p->pos + 1);
		return true;
	case KEYNAME_FN + KEYFN_LEFT: case 2:                /* ^B */
		if (p->pos > 0)
			p->pos--;
		return true;
	case KEYNAME_FN + KEYFN_RIGHT: case 6:               /* ^F */
		if (p->pos < p->len)
			p->pos++;
		return true;
	case KEYNAME_FN + KEYFN_HOME: case 1:                /* ^A */
		p->pos = 0;
		return true;
	case KEYNAME_FN + KEYFN_END: case 5:                 /* ^E */
		p->pos = p->len;
		return true;
	case 21:                                          /* ^U */
		ui_prompt_delete(p, 0, p->pos);
		return true;
	case 11:                                          /* ^K */
		p->len = p->pos;
		return true;
	case 23:                                          /* ^W */
		k = p->pos;
		while (k > 0 && p->buf[k - 1] == ' ')
			k--;
		while (k > 0 && p->buf[k - 1] != ' ')
			k--;
		ui_prompt_delete(p, k, p->pos);
		return true;
	case KEYNAME_FN + KEYFN_UP:
		ui_prompt_history(ui, -1);
		return true;
	case KEYNAME_FN + KEYFN_DOWN:
		ui_prompt_history(ui, 1);
		return true;
	case '\t':
		ui_prompt_complete(ui);
		return true;
	}
	return false;
}

static int
ui_prompt_key_text(struct ui *ui, int key, bool is_char)
{
	struct ui_prompt *p = &ui->prompt;
	char *text;
	int dirty = UI_DIRTY_LINE;

	if (key == '\r') {
		text = ui_prompt_get(p);
		dirty |= ui_prompt_submit(ui, text);
		free(text);
		return dirty;
	}
	if (key == 27 || key == 7) {                      /* Esc, ^G */
		ui_prompt_fn fn = p->fn;
		void *ud = p->ud;

		ui_prompt_reset(p);
		ui_message(ui, _("Cancelled."));
		return dirty | fn(ui, NULL, ud);
	}
	if (!ui_prompt_edit(ui, key, is_char))
		return UI_DIRTY_NONE;
	if (p->incremental) {
		text = ui_prompt_get(p);
		dirty |= p->fn(ui, text, p->ud);
		free(text);
	}
	return dirty;
}

int
ui_prompt_key(struct ui *ui, int key, bool is_char)
{
	struct ui_prompt *p = &ui->prompt;
	char answer[8];

	if (p->kind == PROMPT_TEXT)
		return ui_prompt_key_text(ui, key, is_char);
	if (key == 27 || key == 7) {
		ui_prompt_fn fn = p->fn;
		void *ud = p->ud;

		ui_prompt_reset(p);
		ui_message(ui, _("Cancelled."));
		return UI_DIRTY_LINE | fn(ui, NULL, ud);
	}
	if (p->kind == PROMPT_YESNO && is_char && key > 0 && key < 128 &&
	    strchr("yYnNjJoO", key) != NULL) {
		/* y/n, and the j(a)/o(ui) of nl, de and fr users. */
		snprintf(answer, sizeof answer, "%s",
		    strchr("yYjJoO", key) ? "y" : "n");
		return ui_prompt_finish(ui, answer);
	}
	if (p->kind == PROMPT_CHOICE && is_char && key > 0 && key < 128 &&
	    strchr(p->choices, key) != NULL) {
		snprintf(answer, sizeof answer, "%c", key);
		return ui_prompt_finish(ui, answer);
	}
	/* Said on the prompt line itself, at once, and gone with it: not a
	 * message that would come later, after the question was answered. */
	p->hint = p->kind == PROMPT_YESNO ? _("Please answer y or n.") :
	    _("Please answer with one of the letters in brackets.");
	beep();
	return UI_DIRTY_LINE;
}

/* Where the text starts, and how far it is scrolled so that the
 * insertion point stays visible. */
static void
ui_prompt_geometry(struct ui *ui, int *qcols, size_t *skip)
{
	struct ui_prompt *p = &ui->prompt;
	int room, width = 0;
	size_t i;

	*qcols = utf8_width(p->question) + 1;
	if (p->suffix != NULL)
		*qcols += utf8_width(p->suffix) + 1;
	if (p->hint != NULL)
		*qcols += utf8_width(p->hint) + 1;
	/* A text prompt keeps room to type; a question keeps its answers. */
	if (p->kind == PROMPT_TEXT && *qcols > ui->cols - 20)
		*qcols = ui->cols - 20 > 10 ? ui->cols - 20 : 10;
	if (*qcols > ui->cols - 1)
		*qcols = ui->cols - 1;
	room = ui->cols - *qcols - 1;
	*skip = 0;
	for (i = p->pos; i > 0; i--) {
		width += utf8_cp_width((uint32_t)p->buf[i - 1]);
		if (width > room) {
			*skip = i;
			break;
		}
	}
}

void
ui_prompt_draw(struct ui *ui)
{
	struct ui_prompt *p = &ui->prompt;
	struct ui_prompt view;
	char *text, *full;
	int qcols;
	size_t skip;

	ui_prompt_geometry(ui, &qcols, &skip);
	/* A hint comes first, so that it is read (and seen) whole; the
	 * question may be cut, never the answers it offers. */
	full = p->hint != NULL ? xasprintf("%s %s", p->hint, p->question) :
	    xstrdup(p->question);
	if (p->suffix != NULL) {
		int sw = utf8_width(p->suffix) + 1;
		char *q = utf8_truncate(full, qcols - sw - 1, ui->ascii);
		char *line = xasprintf("%s %s", q, p->suffix);

		ui_draw_text(ui_line_y(ui), 0, line, qcols, THEME_PROMPT);
		free(q);
		free(line);
	} else
		ui_draw_text(ui_line_y(ui), 0, full, qcols, THEME_PROMPT);
	free(full);
	if (p->kind != PROMPT_TEXT) {
		ui_draw_text(ui_line_y(ui), qcols, "", ui->cols - qcols,
		    THEME_NORMAL);
		return;
	}
	view = *p;
	view.buf = p->buf + skip;
	view.len = p->len - skip;
	text = ui_prompt_get(&view);
	ui_draw_text(ui_line_y(ui), qcols, text, ui->cols - qcols, THEME_NORMAL);
	free(text);
}

void
ui_prompt_cursor(struct ui *ui, int *y, int *x)
{
	struct ui_prompt *p = &ui->prompt;
	int qcols;
	size_t skip, i;

	ui_prompt_geometry(ui, &qcols, &skip);
	*y = ui_line_y(ui);
	*x = qcols;
	if (p->kind != PROMPT_TEXT) {
		*x = qcols < ui->cols ? qcols : ui->cols - 1;
		return;
	}
	for (i = skip; i < p->pos; i++)
		*x += utf8_cp_width((uint32_t)p->buf[i]);
	if (*x >= ui->cols)
		*x = ui->cols - 1;
}
