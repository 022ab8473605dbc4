/*
 * options.h - the one option parser of tonghop: each command declares its
 * options in a table of {long name, short name, what it sets}, and
 * options_parse walks argv once with that table.
 *
 * The rules, the same for every command and for the global options:
 *   --name=value and --name value; -o value, -ovalue and -o=value;
 *   options and other arguments in any order; "--" ends the options (what
 *   follows is taken as it is); "-" alone is an argument (not an option);
 *   the last value given wins; long names are matched exactly (no
 *   abbreviations: an abbreviation that a new option would make ambiguous
 *   would break a script), and an unknown one gets the closest known option
 *   as a suggestion.
 *
 * The module only parses; what an error means to the user is printed by
 * cli_parse_options (cli.h), so the parser can be tested on its own.
 */
#ifndef TONGHOP_OPTIONS_H
#define TONGHOP_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>

/* One option.  Exactly one of flag and value is set: an option with no
 * value sets *flag to true, one with a value sets *value to it (a pointer
 * into argv). */
typedef struct {
    const char *name; /* long name without "--", e.g. "output" */
    char short_name;  /* 'o' for -o, or 0 */
    bool *flag;
    const char **value;
} option_spec;

/* What one parse accepts. */
typedef struct {
    const option_spec *specs; /* the options of the command */
    size_t nspecs;
    const option_spec *others; /* options accepted elsewhere (the global ones), */
    size_t nothers;            /* only ever suggested; may be NULL and 0 */
    bool keep_unknown;         /* leave what is not an option of specs in argv, in
                                  order, "--" and what follows included (the first
                                  pass of main, which takes the global options) */
} option_table;

typedef enum {
    OPTIONS_OK,
    OPTIONS_UNKNOWN,          /* arg is no option of the table */
    OPTIONS_MISSING_VALUE,    /* option needs a value and arg is the last argument */
    OPTIONS_UNEXPECTED_VALUE, /* arg gives a value ("--full=yes") to an option that takes none */
} options_status;

/* Why a parse failed. */
typedef struct {
    options_status status;
    const char *arg;           /* the argument at fault, as given (in argv) */
    const option_spec *option; /* MISSING_VALUE, UNEXPECTED_VALUE: the option */
    const option_spec *guess;  /* UNKNOWN: the closest option of specs or others, or NULL */
} options_error;

/* Parses argv[1..argc-1] (argv[0], the command name, is kept) with table t:
 * sets what the options found say, and moves the other arguments to
 * argv[1..], in their order, with argv[n] = NULL.  Returns n, the count of
 * arguments left including argv[0]; or -1 with *err saying why (what was
 * set before the fault stays set; argv is then partly rearranged). */
int options_parse(const option_table *t, int argc, char **argv, options_error *err);

/* Returns the option of t (specs, then others) closest to arg, an unknown
 * option as typed ("--outpt", "--outpt=x", "-output"): the one whose long
 * name starts with arg's name when only one does, else the nearest by
 * similar.h's measure; NULL when none is near or two are as near. */
const option_spec *options_guess(const option_table *t, const char *arg);

/* Writes how the user types option o, "--output" (or "-o" when it has no
 * long name), into buf of len bytes; returns buf. */
const char *options_spelling(const option_spec *o, char *buf, size_t len);

#endif
