/*
 * default_campaign.c - finds the default campaign folder and the message
 * catalogues (see the header).
 *
 * The binary's own location (/proc/self/exe) comes first so that an
 * installed tonghop finds its data under any prefix, a .deb's /usr included,
 * without a compiled-in absolute path; the source tree is used only by the
 * binary in its build tree, so an installed copy never depends on it.
 * CMake passes the three paths as compile definitions of this file only.
 */
#include "default_campaign.h"

#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef TONGHOP_CAMPAIGN_FROM_BIN /* e.g. "../share/tonghop/campaigns/htsd-2022" */
#define TONGHOP_CAMPAIGN_FROM_BIN "../share/tonghop/campaigns/htsd-2022"
#endif
#ifndef TONGHOP_LOCALE_FROM_BIN /* e.g. "../share/locale" */
#define TONGHOP_LOCALE_FROM_BIN "../share/locale"
#endif
#ifndef TONGHOP_INSTALL_LOCALEDIR
#define TONGHOP_INSTALL_LOCALEDIR "/usr/local/share/locale"
#endif
#ifndef TONGHOP_INSTALL_CAMPAIGN
#define TONGHOP_INSTALL_CAMPAIGN "/usr/local/share/tonghop/campaigns/htsd-2022"
#endif

/* The folder of the running binary, resolved, into dir; false if unknown. */
static bool exe_dir(char *dir, size_t len)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return false;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (slash == NULL)
        return false;
    *slash = '\0';
    return (size_t)snprintf(dir, len, "%s", exe) < len;
}

/* True when dir/probe can be read. */
static bool has_file(const char *dir, const char *probe)
{
    char path[PATH_MAX];
    return (size_t)snprintf(path, sizeof path, "%s/%s", dir, probe) < sizeof path &&
           access(path, R_OK) == 0;
}

/* True when dir is the build tree this binary was built in. */
static bool is_build_dir(const char *dir)
{
#ifdef TONGHOP_BUILD_DIR
    char a[PATH_MAX], b[PATH_MAX];
    return realpath(dir, a) != NULL && realpath(TONGHOP_BUILD_DIR, b) != NULL && strcmp(a, b) == 0;
#else
    (void)dir;
    return false;
#endif
}

/* Installed data, wherever the prefix is: <folder of the running binary>/
 * from_bin when it holds the file probe; else in_build_tree (NULL: none)
 * when the binary runs in its build tree; else install, whether or not it
 * exists, so that what is missing is reported with that path.  Returns buf
 * (len bytes) or in_build_tree. */
static const char *find_data(char *buf, size_t len, const char *from_bin, const char *probe,
                             const char *in_build_tree, const char *install)
{
    char dir[PATH_MAX];
    if (exe_dir(dir, sizeof dir)) {
        if ((size_t)snprintf(buf, len, "%s/%s", dir, from_bin) < len && has_file(buf, probe))
            return buf;
        if (in_build_tree != NULL && is_build_dir(dir))
            return in_build_tree;
    }
    snprintf(buf, len, "%s", install);
    return buf;
}

const char *default_campaign_dir(char *buf, size_t len)
{
    const char *env = getenv("TONGHOP_CAMPAIGN");
    if (env != NULL && *env != '\0')
        return env;
#ifdef TONGHOP_SOURCE_CAMPAIGN
    const char *source = TONGHOP_SOURCE_CAMPAIGN;
#else
    const char *source = NULL;
#endif
    return find_data(buf, len, TONGHOP_CAMPAIGN_FROM_BIN, "campaign.csv", source,
                     TONGHOP_INSTALL_CAMPAIGN);
}

const char *default_locale_dir(char *buf, size_t len)
{
#ifdef TONGHOP_BUILD_DIR
    /* The build tree compiles its catalogues into <build>/locale. */
    const char *built = TONGHOP_BUILD_DIR "/locale";
#else
    const char *built = NULL;
#endif
    return find_data(buf, len, TONGHOP_LOCALE_FROM_BIN, "vi/LC_MESSAGES/tonghop.mo", built,
                     TONGHOP_INSTALL_LOCALEDIR);
}
