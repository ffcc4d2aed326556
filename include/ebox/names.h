/* names.h - what to call senders and message types.
 *
 * Each provider's reference data (organisations, message types), as the
 * sync fetched it or as the store kept it, so that names work offline.
 * Strings handed out stay valid until names_free(), even when newer
 * reference data replaces a record: the mailbox points at them instead
 * of copying one per message.
 */
#ifndef EBOX_NAMES_H
#define EBOX_NAMES_H

#include "ebox/model.h"

struct names;

struct names *names_new(void);
void names_free(struct names *n);
/* Adds or replaces what provider says about o / t (copied). */
void names_add_org(struct names *n, const char *provider,
    const struct ebox_organization *o);
void names_add_type(struct names *n, const char *provider,
    const struct ebox_message_type *t);
/* The sender's short name in lang (else its long name, else another
 * language), or NULL when unknown. */
const char *names_sender(const struct names *n, const char *provider,
    const char *org_id, const char *lang);
/* The sender's long name in lang, or NULL. */
const char *names_sender_long(const struct names *n, const char *provider,
    const char *org_id, const char *lang);
/* The message type's name in lang, or NULL. */
const char *names_type(const struct names *n, const char *provider,
    const char *type_id, const char *lang);

#endif
