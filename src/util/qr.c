/* qr.c - a QR code as half-block lines or a PNG (qr.h).  libqrencode does
 * the encoding (Reed-Solomon, masks and versions are not worth writing
 * again); libpng writes the file. */
#include "config.h"

#include <errno.h>
#include <png.h>
#include <unistd.h>
#include <qrencode.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ebox/buf.h"
#include "ebox/i18n.h"
#include "ebox/qr.h"
#include "ebox/safefile.h"
#include "ebox/xalloc.h"

#define QR_PNG_SCALE 8

/* Module (x, y) of the code with its quiet zone: dark or not. */
static bool
qr_dark(const QRcode *q, int x, int y)
{
	x -= QR_QUIET;
	y -= QR_QUIET;
	if (x < 0 || y < 0 || x >= q->width || y >= q->width)
		return false;
	return (q->data[y * q->width + x] & 1) != 0;
}

static QRcode *
qr_encode(const char *text)
{
	return QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M);
}

char **
qr_lines(const char *text, bool invert, size_t *n_lines)
{
	/* Indexed by top * 2 + bottom, "dark" as the terminal shows text. */
	static const char *const cell[4] = { " ", "\u2584", "\u2580",
	    "\u2588" };
	QRcode *q = qr_encode(text);
	int size, x, y;
	char **lines;
	size_t n = 0;

	if (q == NULL)
		return NULL;
	size = q->width + 2 * QR_QUIET;
	lines = xcalloc((size_t)(size + 1) / 2 + 1, sizeof *lines);
	for (y = 0; y < size; y += 2) {
		struct buf b;

		buf_init(&b, (size_t)size * 3 + 1);
		for (x = 0; x < size; x++) {
			/* Text is light on a dark terminal: a dark module
			 * is drawn as a space there, unless inverted. */
			bool top = qr_dark(q, x, y) == invert;
			bool bottom = (y + 1 < size ? qr_dark(q, x, y + 1) :
			    false) == invert;

			buf_puts(&b, cell[top * 2 + bottom]);
		}
		lines[n++] = buf_steal(&b);
	}
	QRcode_free(q);
	*n_lines = n;
	return lines;
}

void
qr_lines_free(char **lines)
{
	size_t i;

	for (i = 0; lines != NULL && lines[i] != NULL; i++)
		free(lines[i]);
	free(lines);
}

int
qr_png(const char *text, const char *path, char **final, struct err *e)
{
	QRcode *q = qr_encode(text);
	struct safefile f;
	png_structp png = NULL;
	png_infop info = NULL;
	png_bytep row = NULL;
	FILE *out = NULL;
	int size, px, x, y, rc = 0;

	if (q == NULL)
		return err_set(e, ERR_DATA, _("the payment data does not fit in "
		    "a QR code"));
	{
		/* safefile wants the folder and the name apart. */
		const char *slash = strrchr(path, '/');
		char *dir = slash == NULL ? xstrdup(".") : slash == path ?
		    xstrdup("/") : xstrndup(path, (size_t)(slash - path));

		rc = safefile_open(&f, dir, slash == NULL ? path : slash + 1, e);
		free(dir);
		if (rc != 0) {
			QRcode_free(q);
			return rc;
		}
	}
	size = q->width + 2 * QR_QUIET;
	px = size * QR_PNG_SCALE;
	if ((out = fdopen(dup(f.fd), "wb")) == NULL ||
	    (png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL,
	    NULL)) == NULL || (info = png_create_info_struct(png)) == NULL) {
		rc = err_set(e, ERR_IO, _("%s: cannot write the image: %s"), path,
		    strerror(errno));
		goto done;
	}
	if (setjmp(png_jmpbuf(png))) {
		rc = err_set(e, ERR_IO, _("%s: cannot write the image"), path);
		goto done;
	}
	png_init_io(png, out);
	png_set_IHDR(png, info, (png_uint_32)px, (png_uint_32)px, 8,
	    PNG_COLOR_TYPE_GRAY, PNG_INTERLACE_NONE,
	    PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	png_write_info(png, info);
	row = xmalloc((size_t)px);
	for (y = 0; y < px; y++) {
		for (x = 0; x < px; x++)
			row[x] = qr_dark(q, x / QR_PNG_SCALE, y / QR_PNG_SCALE) ?
			    0 : 255;
		png_write_row(png, row);
	}
	png_write_end(png, NULL);
done:
	if (png != NULL)
		png_destroy_write_struct(&png, info != NULL ? &info : NULL);
	if (out != NULL && fclose(out) != 0 && rc == 0)
		rc = err_set(e, ERR_IO, _("%s: cannot write the image: %s"), path,
		    strerror(errno));
	free(row);
	QRcode_free(q);
	if (rc == 0 && (rc = safefile_commit(&f, 0, e)) == 0)
		*final = xstrdup(f.final_path);
	else if (rc != 0)
		safefile_abort(&f);
	return rc;
}
