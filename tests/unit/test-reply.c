/* test-reply.c - what a reply is made of: the multipart body byte for
 * byte, the text and subject rules, the MessageToPublish, and an
 * Idempotency-Key that is the same for the same reply only. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ebox/decode.h"
#include "ebox/multipart.h"
#include "ebox/reply.h"
#include "ebox/xalloc.h"
#include "test.h"

static void
test_multipart(void)
{
	struct multipart_part p[2] = {
		{ "messageToPublish", NULL, "application/json", "{}", 2 },
		{ "upfile1", "Décision été.pdf", "application/pdf", "%PDF", 4 },
	};
	char boundary[MULTIPART_BOUNDARY_MAX], *body;
	size_t len;

	body = multipart_build_with(p, 2, "XyZ", &len);
	CHECK_STR(body,
	    "--XyZ\r\nContent-Disposition: form-data; name=\"messageToPublish\""
	    "\r\nContent-Type: application/json\r\n\r\n{}\r\n"
	    "--XyZ\r\nContent-Disposition: form-data; name=\"upfile1\"; "
	    "filename*=UTF-8''D%C3%A9cision%20%C3%A9t%C3%A9.pdf\r\n"
	    "Content-Type: application/pdf\r\n\r\n%PDF\r\n--XyZ--\r\n");
	CHECK_INT(len, strlen(body));
	free(body);
	/* A plain name stays plain and quoted. */
	p[1].file_name = "answer-1.pdf";
	body = multipart_build_with(p, 2, "XyZ", &len);
	CHECK(strstr(body, "; filename=\"answer-1.pdf\"\r\n") != NULL);
	free(body);
	/* A boundary found in a part is refused; the random one never is. */
	p[1].data = "a--XyZb";
	p[1].len = 7;
	CHECK(multipart_build_with(p, 2, "XyZ", &len) == NULL);
	body = multipart_build(p, 2, boundary, &len);
	CHECK(strncmp(boundary, "ebox-tui-", 9) == 0);
	CHECK_INT(strlen(boundary), 9 + 32);
	CHECK(strncmp(body, "--", 2) == 0 &&
	    strncmp(body + 2, boundary, strlen(boundary)) == 0);
	free(body);
	/* Binary data (NUL bytes) goes through whole. */
	p[1].data = "\0\1\2";
	p[1].len = 3;
	body = multipart_build_with(p, 2, "XyZ", &len);
	CHECK(len > 3 && memcmp(strstr(body, "pdf\r\n\r\n") + 7, "\0\1\2\r\n--XyZ--",
	    12) == 0);
	free(body);
}

static void
test_media_type(void)
{
	CHECK_STR(decode_media_type("Report.PDF"), "application/pdf");
	CHECK_STR(decode_media_type("a.b.csv"), "text/csv");
	CHECK_STR(decode_media_type("photo.jpeg"), "image/jpeg");
	CHECK_STR(decode_media_type("noext"), "application/octet-stream");
	CHECK_STR(decode_media_type("x.unknownext"), "application/octet-stream");
}

static void
test_text(void)
{
	struct reply r;
	struct err e;
	char big[500 * 2 + 1];
	size_t i;

	memset(&r, 0, sizeof r);
	CHECK_INT(reply_set_body(&r, "\r\n\r\n  Dear Sir,\r\n\r\nThanks.\t\r\n\n",
	    30, &e), 0);
	CHECK_STR(r.body, "  Dear Sir,\n\nThanks.");
	CHECK_INT(reply_set_body(&r, " \n\t\n", 4, &e), ERR_USAGE);
	CHECK(strstr(e.msg, "empty") != NULL);
	CHECK_STR(r.body, "  Dear Sir,\n\nThanks.");      /* kept */
	CHECK_INT(reply_set_body(&r, "a\0b", 3, &e), ERR_USAGE);
	CHECK_INT(reply_set_body(&r, "a\033[2Jb", 6, &e), ERR_USAGE);
	CHECK(strstr(e.msg, "byte 2") != NULL);
	CHECK_INT(reply_set_body(&r, "caf\xe9", 4, &e), ERR_USAGE);
	CHECK_INT(reply_set_body(&r, "x", REPLY_MAX_BODY + 1, &e), ERR_TOOBIG);

	CHECK_INT(reply_set_subject(&r, "  Re: a\nb\t ", &e), 0);
	CHECK_STR(r.subject, "Re: a b");
	CHECK_INT(reply_set_subject(&r, " \n ", &e), ERR_USAGE);
	for (i = 0; i < 500; i++)
		memcpy(big + 2 * i, "\xc3\xa9", 2);     /* é, 2 bytes */
	big[1000] = '\0';
	CHECK_INT(reply_set_subject(&r, big, &e), 0);
	CHECK_INT(strlen(r.subject), 2 * REPLY_MAX_SUBJECT);   /* 400 é */
	reply_done(&r);
}

static void
test_attach(void)
{
	char dir[] = "/tmp/test-reply.XXXXXX", *a, *b, *empty;
	struct reply r;
	struct err e;
	FILE *f;
	int i;

	CHECK(mkdtemp(dir) != NULL);
	a = xasprintf("%s/answer.pdf", dir);
	b = xasprintf("%s/sub", dir);
	empty = xasprintf("%s/empty.txt", dir);
	f = fopen(a, "w");
	fputs("hello", f);
	fclose(f);
	fclose(fopen(empty, "w"));
	memset(&r, 0, sizeof r);
	CHECK_INT(reply_attach(&r, a, &e), 0);
	CHECK_STR(r.files[0].name, "answer.pdf");
	CHECK_STR(r.files[0].media_type, "application/pdf");
	CHECK_INT(r.files[0].len, 5);
	/* SHA-256("hello"), base64url without padding. */
	CHECK_STR(r.files[0].digest,
	    "LPJNul-wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ");
	CHECK_INT(reply_attach(&r, a, &e), ERR_USAGE);         /* same name */
	CHECK(strstr(e.msg, "already attached") != NULL);
	CHECK(reply_attach(&r, b, &e) != 0);                    /* missing */
	CHECK(strstr(e.msg, "sub") != NULL);
	CHECK_INT(reply_attach(&r, empty, &e), ERR_USAGE);
	CHECK(reply_attach(&r, dir, &e) != 0);                  /* a directory */
	CHECK_INT(r.n_files, 1);
	for (i = 2; i <= REPLY_MAX_FILES; i++) {
		char *p = xasprintf("%s/f%d.csv", dir, i);

		f = fopen(p, "w");
		fputs("x;y\n", f);
		fclose(f);
		CHECK_INT(reply_attach(&r, p, &e), 0);
		unlink(p);
		free(p);
	}
	CHECK_INT(reply_attach(&r, a, &e), ERR_USAGE);         /* a 7th */
	CHECK_INT(r.n_files, REPLY_MAX_FILES);
	reply_done(&r);
	unlink(a);
	unlink(empty);
	rmdir(dir);
	free(a);
	free(b);
	free(empty);
}

static void
test_json_key(void)
{
	struct reply r;
	struct err e;
	char *json, *key, *key2, *json2;

	memset(&r, 0, sizeof r);
	r.provider_id = xstrdup("ebox-nsso");
	r.original_id = xstrdup("b714e95f");
	r.recipient = xstrdup("0206737484");
	memcpy(r.lang, "fr", 3);
	reply_set_subject(&r, "Re: \"Décision\"", &e);
	reply_set_body(&r, "Merci.\nBien à vous", 19, &e);
	json = reply_json(&r);
	CHECK_STR(json, "{\"recipient\":{\"eboxType\":\"enterprise\","
	    "\"eboxIdValue\":\"0206737484\"},"
	    "\"subject\":{\"fr\":\"Re: \\\"Décision\\\"\"},"
	    "\"bodyMainContent\":true,"
	    "\"bodyContent\":{\"fr\":\"Merci.\\nBien à vous\"},"
	    "\"replyAuthorized\":false,\"originalMessageId\":\"b714e95f\"}");
	key = reply_key(&r, json);
	CHECK(strncmp(key, "ebox-tui-", 9) == 0);
	CHECK_INT(strlen(key), 9 + 64);
	key2 = reply_key(&r, json);
	CHECK_STR(key2, key);                   /* the same reply, the same key */
	free(key2);
	reply_set_body(&r, "Merci !", 7, &e);
	json2 = reply_json(&r);
	key2 = reply_key(&r, json2);
	CHECK(strcmp(key2, key) != 0);          /* another text, another key */
	free(key2);
	free(json2);
	free(key);
	free(json);
	reply_done(&r);
}

int
main(void)
{
	RUN(test_multipart);
	RUN(test_media_type);
	RUN(test_text);
	RUN(test_attach);
	RUN(test_json_key);
	return TEST_DONE();
}
