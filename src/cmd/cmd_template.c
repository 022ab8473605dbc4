/*
 * cmd_template.c - `tonghop template [--unit CODE|--all] [--xlsx] [-o FILE|DIR]`:
 * the blank report units fill in (template.h says what is in it).
 *
 * One template (a unit's, or one for any unit) goes to -o FILE, into -o DIR
 * under its default name, or into the current folder; --all writes one per
 * unit into -o DIR, each named by its unit's code made safe as a file name,
 * so no code can write outside DIR.  The format is .xlsx with --xlsx or
 * when -o names a .xlsx file, else CSV.  Each path written is printed.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "cli.h"
#include "template.h"

typedef struct {
    const char *unit;   /* --unit */
    const char *output; /* -o, --output */
    bool all;           /* --all */
    bool xlsx;          /* --xlsx */
} template_args;

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

static bool is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int parse(int argc, char **argv, template_args *a, const command_env *env)
{
    const option_spec specs[] = {
        {.name = "unit", .value = &a->unit},
        {.name = "output", .short_name = 'o', .value = &a->output},
        {.name = "all", .flag = &a->all},
        {.name = "xlsx", .flag = &a->xlsx},
    };
    int status = cli_parse_options_only(env, specs, sizeof specs / sizeof specs[0], argc, argv);
    const char *wrong = NULL;
    if (status != TH_EXIT_OK)
        return status;
    if (a->all && a->unit != NULL)
        wrong = _("--unit and --all cannot be used together");
    else if (a->all && a->output == NULL)
        wrong = _("--all needs -o DIR");
    if (a->output != NULL && !a->all && ends_with(a->output, ".xlsx"))
        a->xlsx = true;
    if (wrong == NULL && a->output != NULL && !a->all && a->xlsx && ends_with(a->output, ".csv"))
        wrong = _("--xlsx, but the output file ends in .csv");
    if (wrong == NULL)
        return TH_EXIT_OK;
    cli_usage_error(env, "%s", wrong);
    return TH_EXIT_USAGE;
}

/* Writes the template of unit u to path and prints the path. */
static int write_one(const campaign *c, long u, template_format fmt, const char *path)
{
    char err[1024] = "";
    th_error rc = template_write(c, u, fmt, path, err, sizeof err);
    if (rc == TH_OK) {
        printf("%s\n", path);
        return TH_EXIT_OK;
    }
    th_msg_error("%s: %s%s%s", _("cannot write the template"), th_strerror(rc), *err ? ": " : "",
                 err);
    return TH_EXIT_FAILURE;
}

/* dir/name, newly allocated, or NULL when out of memory. */
static char *join(const char *dir, const char *name)
{
    size_t len = strlen(dir) + strlen(name) + 2;
    char *path = malloc(len);
    if (path != NULL)
        snprintf(path, len, "%s/%s", dir, name);
    return path;
}

static int write_single(const campaign *c, const template_args *a, template_format fmt,
                        const command_env *env)
{
    long u = -1;
    if (a->unit != NULL && (u = campaign_find_unit(c, a->unit)) < 0) {
        cli_usage_error(env, _("no unit '%s' in units.csv"), a->unit);
        return TH_EXIT_USAGE;
    }
    if (a->output != NULL && !is_dir(a->output))
        return write_one(c, u, fmt, a->output);
    char *name = template_file_name(u >= 0 ? c->units[u].code : NULL, fmt);
    char *path = name ? join(a->output ? a->output : ".", name) : NULL;
    int status = path ? write_one(c, u, fmt, path) : TH_EXIT_FAILURE;
    if (path == NULL)
        th_msg_error("%s", th_strerror(TH_ERR_NOMEM));
    free(name);
    free(path);
    return status;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The file names of every unit's template, in units.csv order; TH_ERR_EXISTS
 * when two codes give the same name (they differ only in unsafe bytes). */
static th_error unit_file_names(const campaign *c, template_format fmt, char **names)
{
    th_error rc = TH_OK;
    for (size_t u = 0; u < c->nunits && rc == TH_OK; u++)
        if ((names[u] = template_file_name(c->units[u].code, fmt)) == NULL)
            rc = TH_ERR_NOMEM;
    char **sorted = rc == TH_OK ? malloc((c->nunits + 1) * sizeof *sorted) : NULL;
    if (rc == TH_OK && sorted == NULL)
        rc = TH_ERR_NOMEM;
    if (rc == TH_OK) {
        memcpy(sorted, names, c->nunits * sizeof *sorted);
        qsort(sorted, c->nunits, sizeof *sorted, by_name);
        for (size_t i = 1; i < c->nunits && rc == TH_OK; i++)
            if (strcmp(sorted[i - 1], sorted[i]) == 0) {
                th_msg_error(_("two unit codes give the same file name '%s'"), sorted[i]);
                rc = TH_ERR_EXISTS;
            }
    }
    free(sorted);
    return rc;
}

static int write_all(const campaign *c, const template_args *a, template_format fmt)
{
    if (!is_dir(a->output) && mkdir(a->output, 0777) != 0) {
        th_msg_error(_("cannot create '%s': %s"), a->output, strerror(errno));
        return TH_EXIT_FAILURE;
    }
    char **names = calloc(c->nunits + 1, sizeof *names);
    th_error rc = names ? unit_file_names(c, fmt, names) : TH_ERR_NOMEM;
    int status = rc == TH_OK ? TH_EXIT_OK : rc == TH_ERR_EXISTS ? TH_EXIT_USAGE : TH_EXIT_FAILURE;
    if (rc == TH_ERR_NOMEM)
        th_msg_error("%s", th_strerror(rc));
    for (size_t u = 0; u < c->nunits && status == TH_EXIT_OK; u++) {
        char *path = join(a->output, names[u]);
        status = path ? write_one(c, (long)u, fmt, path) : TH_EXIT_FAILURE;
        free(path);
    }
    for (size_t u = 0; names != NULL && u < c->nunits; u++)
        free(names[u]);
    free(names);
    return status;
}

int cmd_template(int argc, char **argv, command_env *env)
{
    template_args a = {0};
    int status = parse(argc, argv, &a, env);
    if (status == TH_EXIT_OK)
        status = cli_setup_campaign(env);
    if (status != TH_EXIT_OK)
        return status;
    template_format fmt = a.xlsx ? TEMPLATE_XLSX : TEMPLATE_CSV;
    return a.all ? write_all(&env->campaign, &a, fmt) : write_single(&env->campaign, &a, fmt, env);
}
