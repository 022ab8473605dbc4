/*
 * default_campaign.h - where the installed data is: the campaign folder when
 * --campaign is not given ($TONGHOP_CAMPAIGN, else the one installed beside
 * the binary, else, only for a binary in its build tree, the source tree's),
 * and the message catalogues.
 */
#ifndef TONGHOP_DEFAULT_CAMPAIGN_H
#define TONGHOP_DEFAULT_CAMPAIGN_H

#include <stddef.h>

/* Returns the default campaign folder, in this order:
 *   1. $TONGHOP_CAMPAIGN when set and not empty;
 *   2. <folder of the running binary>/../share/tonghop/campaigns/htsd-2022
 *      (the binary's own installed data, wherever the prefix is: /usr,
 *      /usr/local, a scratch prefix or a DESTDIR tree), when it holds a
 *      campaign.csv;
 *   3. the source tree's templates/htsd-2022, when the binary runs from the
 *      build tree it was built in;
 *   4. the campaign under the install prefix compiled in (CMake's
 *      CMAKE_INSTALL_FULL_DATADIR), whether or not it exists, so a missing
 *      campaign is reported with that path.
 * The result is the environment's string, buf (len bytes) or a constant
 * string; it stays valid as long as they do. */
const char *default_campaign_dir(char *buf, size_t len);

/* Returns the folder of the message catalogues (<dir>/vi/LC_MESSAGES/
 * tonghop.mo), found as the campaign is: <folder of the binary>/../share/
 * locale when it holds the catalogue, else <build tree>/locale for a binary
 * in its build tree, else CMake's CMAKE_INSTALL_FULL_LOCALEDIR.  The result
 * is buf (len bytes) or a constant string. */
const char *default_locale_dir(char *buf, size_t len);

#endif
