/*
 * sheet_xml.h - streams one XML entry of a zip archive through expat.
 *
 * The XML of a spreadsheet is parsed as it is inflated, a piece at a time,
 * so memory does not grow with the sheet.  Names arrive with their
 * namespace: "URI local" (a space between), or just "local" without one.
 * A document type or entity declaration stops the parse (Excel and
 * LibreOffice never write one; it is how "billion laughs" entity bombs
 * work).  The only module that includes expat.h.
 */
#ifndef TONGHOP_SHEET_XML_H
#define TONGHOP_SHEET_XML_H

#include <stdbool.h>
#include <stddef.h>

#include "sheet_zip.h"

typedef struct {
    void (*start)(void *ctx, const char *name,
                  const char **attrs); /* attrs: name, value, ..., NULL */
    void (*end)(void *ctx, const char *name);
    void (*text)(void *ctx, const char *s, size_t len); /* may come in several pieces */
} sheet_xml_handlers;

typedef enum {
    SHEET_XML_OK = 0,
    SHEET_XML_STOPPED,   /* a handler set *stop */
    SHEET_XML_MALFORMED, /* not well-formed XML (expat's message and line in detail) */
    SHEET_XML_UNSAFE,    /* a DOCTYPE or ENTITY declaration */
    SHEET_XML_ZIP,       /* the zip entry failed: *zip_status says how */
    SHEET_XML_NOMEM,
} sheet_xml_status;

/* Parses the entry `entry` of z with the handlers h (any may be NULL), which
 * may set *stop to end the parse early.  *zip_status receives the zip's own
 * status.  detail says what went wrong. */
sheet_xml_status sheet_xml_parse(sheet_zip *z, const char *entry, const sheet_xml_handlers *h,
                                 void *ctx, bool *stop, sheet_zip_status *zip_status, char *detail,
                                 size_t detail_len);

/* True when the name of an element or attribute is `local`, in any
 * namespace or none. */
bool sheet_xml_is(const char *name, const char *local);

/* Returns the value of the attribute whose local name is `local` in
 * namespace `uri` (NULL: any namespace or none), or NULL. */
const char *sheet_xml_attr(const char **attrs, const char *uri, const char *local);

#endif
