/* summary.h - one message in one sentence, for screen readers and quick
 * looks: "Registered mail from FPS Finance: Tax assessment 2025.
 * 2 documents. Pay 123.45 EUR by 15 May. Expires on 3 June." */
#ifndef EBOX_SUMMARY_H
#define EBOX_SUMMARY_H

#include "ebox/mailbox.h"
#include "ebox/render.h"

/* A new sanitised string; uses o->lang, o->now. */
char *summary_sentence(const struct mailbox_entry *en,
    const struct render_opts *o);

#endif
