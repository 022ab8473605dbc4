/*
 * sheet_xml.c - expat fed from a zip entry, declarations refused (see sheet_xml.h).
 */
#include "sheet_xml.h"
#include "i18n.h"

#include <expat.h>
#include <stdio.h>
#include <string.h>

#define NS_SEP ' '

typedef struct {
    XML_Parser parser;
    const sheet_xml_handlers *h;
    void *ctx;
    bool *stop;
    bool unsafe;
    bool malformed;
} xml_run;

static void stop_if_asked(xml_run *r)
{
    if (*r->stop)
        XML_StopParser(r->parser, XML_FALSE);
}

static void on_start(void *data, const XML_Char *name, const XML_Char **attrs)
{
    xml_run *r = data;
    if (r->h->start != NULL && !*r->stop)
        r->h->start(r->ctx, name, attrs);
    stop_if_asked(r);
}

static void on_end(void *data, const XML_Char *name)
{
    xml_run *r = data;
    if (r->h->end != NULL && !*r->stop)
        r->h->end(r->ctx, name);
    stop_if_asked(r);
}

static void on_text(void *data, const XML_Char *s, int len)
{
    xml_run *r = data;
    if (r->h->text != NULL && !*r->stop && len > 0)
        r->h->text(r->ctx, s, (size_t)len);
    stop_if_asked(r);
}

/* A DOCTYPE: a spreadsheet never has one, an entity bomb always does. */
static void on_doctype(void *data, const XML_Char *name, const XML_Char *sysid,
                       const XML_Char *pubid, int has_internal_subset)
{
    (void)name, (void)sysid, (void)pubid, (void)has_internal_subset;
    xml_run *r = data;
    r->unsafe = true;
    XML_StopParser(r->parser, XML_FALSE);
}

static void on_entity(void *data, const XML_Char *name, int is_parameter, const XML_Char *value,
                      int value_length, const XML_Char *base, const XML_Char *sysid,
                      const XML_Char *pubid, const XML_Char *notation)
{
    (void)name, (void)is_parameter, (void)value, (void)value_length, (void)base, (void)sysid,
        (void)pubid, (void)notation;
    xml_run *r = data;
    r->unsafe = true;
    XML_StopParser(r->parser, XML_FALSE);
}

static bool feed(void *data, const char *buf, size_t len)
{
    xml_run *r = data;
    if (XML_Parse(r->parser, buf, (int)len, XML_FALSE) == XML_STATUS_ERROR) {
        if (!*r->stop && !r->unsafe)
            r->malformed = true;
        return false;
    }
    return true;
}

sheet_xml_status sheet_xml_parse(sheet_zip *z, const char *entry, const sheet_xml_handlers *h,
                                 void *ctx, bool *stop, sheet_zip_status *zip_status, char *detail,
                                 size_t detail_len)
{
    xml_run r = {XML_ParserCreateNS(NULL, NS_SEP), h, ctx, stop, false, false};
    *zip_status = SHEET_ZIP_OK;
    snprintf(detail, detail_len, "%s", "");
    if (r.parser == NULL)
        return SHEET_XML_NOMEM;
    XML_SetUserData(r.parser, &r);
    XML_SetElementHandler(r.parser, on_start, on_end);
    XML_SetCharacterDataHandler(r.parser, on_text);
    XML_SetStartDoctypeDeclHandler(r.parser, on_doctype);
    XML_SetEntityDeclHandler(r.parser, on_entity);
    XML_SetParamEntityParsing(r.parser, XML_PARAM_ENTITY_PARSING_NEVER);

    sheet_zip_status zs = sheet_zip_read(z, entry, feed, &r, detail, detail_len);
    if (zs == SHEET_ZIP_OK && !r.unsafe && !*stop &&
        XML_Parse(r.parser, "", 0, XML_TRUE) == XML_STATUS_ERROR && !r.unsafe && !*stop)
        r.malformed = true;
    sheet_xml_status st = SHEET_XML_OK;
    if (r.unsafe) {
        snprintf(detail, detail_len, _("'%s' line %lu: a DOCTYPE or ENTITY declaration"), entry,
                 (unsigned long)XML_GetCurrentLineNumber(r.parser));
        st = SHEET_XML_UNSAFE;
    } else if (*stop) {
        st = SHEET_XML_STOPPED;
    } else if (r.malformed) {
        enum XML_Error e = XML_GetErrorCode(r.parser);
        snprintf(detail, detail_len, _("'%s' line %lu: %s"), entry,
                 (unsigned long)XML_GetCurrentLineNumber(r.parser), XML_ErrorString(e));
        st = e == XML_ERROR_NO_MEMORY ? SHEET_XML_NOMEM : SHEET_XML_MALFORMED;
    } else if (zs != SHEET_ZIP_OK) {
        *zip_status = zs;
        st = SHEET_XML_ZIP;
    }
    XML_ParserFree(r.parser);
    return st;
}

/* Returns the local part of an expat name ("URI local" or "local"). */
static const char *local_part(const char *name)
{
    const char *sep = strrchr(name, NS_SEP);
    return sep ? sep + 1 : name;
}

bool sheet_xml_is(const char *name, const char *local)
{
    return strcmp(local_part(name), local) == 0;
}

const char *sheet_xml_attr(const char **attrs, const char *uri, const char *local)
{
    size_t ulen = uri ? strlen(uri) : 0;
    for (size_t i = 0; attrs[i] != NULL; i += 2) {
        const char *n = attrs[i];
        if (strcmp(local_part(n), local) != 0)
            continue;
        if (uri == NULL || (strncmp(n, uri, ulen) == 0 && n[ulen] == NS_SEP))
            return attrs[i + 1];
    }
    return NULL;
}
