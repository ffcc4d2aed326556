/* tty.h - asking the terminal for a secret (a key's passphrase) before
 * any full-screen display starts. */
#ifndef EBOX_TTY_H
#define EBOX_TTY_H

/* Writes prompt to fd (a terminal, or anything readable for tests), reads
 * one line with echo off, into buf (size bytes, NUL-terminated).  Enter
 * ends it, Backspace edits (the terminal's own line editing), Esc or ^D
 * on an empty line gives up.  The terminal's settings come back whatever
 * happens: also when a signal (^C, SIGTERM, SIGHUP) ends the process
 * while echo is off.  When fd is not a terminal its settings are not
 * touched.  Returns the length read, or -1 when the user gave up. */
int tty_read_secret(int fd, const char *prompt, char *buf, int size);

#endif
