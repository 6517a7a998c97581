/*
 * A test double of The Imaging Source IC4 C library (libic4core.so) for Syncscope's tests.
 * It exports the functions the driver calls, with the signatures of IC4's C API (C_ic4.h), over
 * scripted cameras read from a text file. No IC4 code: written from the API's documented
 * signatures and rules (bool results, per-thread last error, reference counting).
 *
 * Script: the file named by $IC4_DOUBLE_SCRIPT, else "ic4-double-cameras.txt" beside this
 * library. One camera per line: SERIAL|MODEL|INTERFACE|NODES|STATUS|LATCH|FLAGS
 *   NODES  sfnc (PtpEnable/PtpStatus/TimestampLatch*), gev (GevIEEE1588* + TimestampLatch*), none
 *   STATUS PtpStatus entry name; LATCH the value the next latch captures (int64)
 *   FLAGS  "-" or failopen (device_open fails with a device error)
 * The script is read again on every device-list update and every device open, so a test can
 * change states between runs; PtpEnable written through the API stays in memory.
 *
 * Test hooks (not IC4 API): ic4double_live_objects() counts objects created and not yet
 * unreferenced; ic4double_call_log() returns the calls made so far, one per line.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>

#define MAX_CAMERAS 16

enum { ERR_NOERROR = 0, ERR_INTERNAL = 2, ERR_INVALID_OPERATION = 3, ERR_LIBRARY_NOT_INITIALIZED = 5,
       ERR_INVALID_PARAM = 7, ERR_DEVICE_NOT_FOUND = 16, ERR_DEVICE_ERROR = 17, ERR_BUFFER_TOO_SMALL = 50,
       ERR_GENICAM_FEATURE_NOT_FOUND = 101, ERR_GENICAM_TYPE_MISMATCH = 103, ERR_GENICAM_ACCESS_DENIED = 106,
       ERR_GENICAM_VALUE_ERROR = 108 };

struct IC4_INIT_CONFIG {
    int api_log_level;
    int internal_log_level;
    int log_targets;
    const char *log_file;
    uint64_t reserved0;
};

typedef struct camera {
    char serial[64], model[64], itf[64], nodes[8], status[32], flags[32];
    int64_t latch_source;   /* what the next latch captures */
    int64_t latched;        /* TimestampLatchValue */
    bool ptp_enabled;
} camera;

typedef struct IC4_DEVICE_ENUM { int refs; int count; int index[MAX_CAMERAS]; } IC4_DEVICE_ENUM;
typedef struct IC4_DEVICE_INFO { int refs; int cam; } IC4_DEVICE_INFO;
typedef struct IC4_INTERFACE { int refs; int cam; } IC4_INTERFACE;
typedef struct IC4_GRABBER { int refs; int cam; } IC4_GRABBER;        /* cam -1: no device open */
typedef struct IC4_PROPERTY_MAP { int refs; IC4_GRABBER *grabber; } IC4_PROPERTY_MAP;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static camera cameras[MAX_CAMERAS];
static int n_cameras;
static bool initialized;
static int live_objects;
static char call_log[65536];
static __thread int last_error;
static __thread char last_message[512];

static void log_call(const char *fmt, const char *arg) {
    char line[256];
    snprintf(line, sizeof line, fmt, arg ? arg : "");
    pthread_mutex_lock(&lock);
    if (strlen(call_log) + strlen(line) + 2 < sizeof call_log) {
        strcat(call_log, line);
        strcat(call_log, "\n");
    }
    pthread_mutex_unlock(&lock);
}

static bool fail(int code, const char *message, const char *detail) {
    last_error = code;
    snprintf(last_message, sizeof last_message, "%s%s%s", message, detail ? ": " : "", detail ? detail : "");
    return false;
}

static bool ok(void) {
    last_error = ERR_NOERROR;
    last_message[0] = 0;
    return true;
}

static void script_path(char *out, size_t size) {
    const char *env = getenv("IC4_DOUBLE_SCRIPT");
    if (env && *env) {
        snprintf(out, size, "%s", env);
        return;
    }
    Dl_info info;
    if (dladdr((void *) script_path, &info) && info.dli_fname) {
        snprintf(out, size, "%s", info.dli_fname);
        char *slash = strrchr(out, '/');
        if (slash) {
            snprintf(slash + 1, size - (size_t) (slash + 1 - out), "ic4-double-cameras.txt");
            return;
        }
    }
    snprintf(out, size, "ic4-double-cameras.txt");
}

/* Reads the script; keeps PtpEnable and the latched value of cameras that stay. */
static void load_script(void) {
    char path[1024];
    script_path(path, sizeof path);
    FILE *f = fopen(path, "r");
    if (!f) {
        return;
    }
    camera next[MAX_CAMERAS];
    int n = 0;
    char line[512];
    while (n < MAX_CAMERAS && fgets(line, sizeof line, f)) {
        if (line[0] == '#' || line[0] == '\n') {
            continue;
        }
        camera c;
        memset(&c, 0, sizeof c);
        char latch[32] = "0";
        if (sscanf(line, "%63[^|]|%63[^|]|%63[^|]|%7[^|]|%31[^|]|%31[^|]|%31[^|\n]", c.serial, c.model, c.itf, c.nodes,
                   c.status, latch, c.flags) < 6) {
            continue;
        }
        c.latch_source = strtoll(latch, NULL, 10);
        for (int i = 0; i < n_cameras; i++) {
            if (strcmp(cameras[i].serial, c.serial) == 0) {
                c.ptp_enabled = cameras[i].ptp_enabled;
                c.latched = cameras[i].latched;
            }
        }
        next[n++] = c;
    }
    fclose(f);
    pthread_mutex_lock(&lock);
    memcpy(cameras, next, sizeof(camera) * (size_t) n);
    n_cameras = n;
    pthread_mutex_unlock(&lock);
}

static void *new_object(size_t size) {
    void *p = calloc(1, size);
    *(int *) p = 1;
    __sync_fetch_and_add(&live_objects, 1);
    return p;
}

static void unref(void *p) {
    if (p && --*(int *) p == 0) {
        free(p);
        __sync_fetch_and_sub(&live_objects, 1);
    }
}

/* ---- test hooks ---- */
int ic4double_live_objects(void) { return live_objects; }
const char *ic4double_call_log(void) { return call_log; }
void ic4double_reset_call_log(void) { call_log[0] = 0; }

/* ---- library ---- */
bool ic4_init_library(const struct IC4_INIT_CONFIG *config) {
    log_call("ic4_init_library", NULL);
    if (config && config->reserved0 != 0) {
        return fail(ERR_INVALID_PARAM, "IC4_INIT_CONFIG.reserved0 must be 0", NULL);
    }
    initialized = true;
    load_script();
    return ok();
}

void ic4_exit_library(void) {
    log_call("ic4_exit_library", NULL);
    initialized = false;
}

bool ic4_get_last_error(int *error, char *message, size_t *message_length) {
    if (error) {
        *error = last_error;
    }
    if (message_length) {
        size_t need = strlen(last_message) + 1;
        if (message && *message_length < need) {
            *message_length = need;
            return false;
        }
        if (message) {
            memcpy(message, last_message, need);
        }
        *message_length = need;
    }
    return true;
}

#define NEED_INIT() do { if (!initialized) return fail(ERR_LIBRARY_NOT_INITIALIZED, "Library not initialized", NULL); } while (0)

/* ---- device enumeration ---- */
bool ic4_devenum_create(IC4_DEVICE_ENUM **out) {
    log_call("ic4_devenum_create", NULL);
    NEED_INIT();
    if (!out) return fail(ERR_INVALID_PARAM, "NULL pointer", "ppEnumerator");
    *out = new_object(sizeof(IC4_DEVICE_ENUM));
    return ok();
}

void ic4_devenum_unref(IC4_DEVICE_ENUM *e) { log_call("ic4_devenum_unref", NULL); unref(e); }

bool ic4_devenum_update_device_list(IC4_DEVICE_ENUM *e) {
    log_call("ic4_devenum_update_device_list", NULL);
    NEED_INIT();
    if (!e) return fail(ERR_INVALID_PARAM, "NULL pointer", "pEnumerator");
    load_script();
    e->count = n_cameras;
    for (int i = 0; i < n_cameras; i++) e->index[i] = i;
    return ok();
}

int ic4_devenum_get_device_count(const IC4_DEVICE_ENUM *e) {
    log_call("ic4_devenum_get_device_count", NULL);
    return e ? e->count : 0;
}

bool ic4_devenum_get_devinfo(const IC4_DEVICE_ENUM *e, int index, IC4_DEVICE_INFO **out) {
    log_call("ic4_devenum_get_devinfo", NULL);
    if (!e || !out) return fail(ERR_INVALID_PARAM, "NULL pointer", NULL);
    if (index < 0 || index >= e->count) return fail(ERR_INVALID_PARAM, "index out of range", NULL);
    IC4_DEVICE_INFO *info = new_object(sizeof(IC4_DEVICE_INFO));
    info->cam = e->index[index];
    *out = info;
    return ok();
}

void ic4_devinfo_unref(IC4_DEVICE_INFO *i) { log_call("ic4_devinfo_unref", NULL); unref(i); }

const char *ic4_devinfo_get_model_name(const IC4_DEVICE_INFO *i) { return i ? cameras[i->cam].model : NULL; }
const char *ic4_devinfo_get_serial(const IC4_DEVICE_INFO *i) { return i ? cameras[i->cam].serial : NULL; }
const char *ic4_devinfo_get_unique_name(const IC4_DEVICE_INFO *i) { return i ? cameras[i->cam].serial : NULL; }

bool ic4_devinfo_get_devitf(const IC4_DEVICE_INFO *i, IC4_INTERFACE **out) {
    log_call("ic4_devinfo_get_devitf", NULL);
    if (!i || !out) return fail(ERR_INVALID_PARAM, "NULL pointer", NULL);
    IC4_INTERFACE *itf = new_object(sizeof(IC4_INTERFACE));
    itf->cam = i->cam;
    *out = itf;
    return ok();
}

const char *ic4_devitf_get_display_name(const IC4_INTERFACE *i) { return i ? cameras[i->cam].itf : NULL; }
void ic4_devitf_unref(IC4_INTERFACE *i) { log_call("ic4_devitf_unref", NULL); unref(i); }

/* ---- grabber ---- */
bool ic4_grabber_create(IC4_GRABBER **out) {
    log_call("ic4_grabber_create", NULL);
    NEED_INIT();
    if (!out) return fail(ERR_INVALID_PARAM, "NULL pointer", "ppGrabber");
    IC4_GRABBER *g = new_object(sizeof(IC4_GRABBER));
    g->cam = -1;
    *out = g;
    return ok();
}

void ic4_grabber_unref(IC4_GRABBER *g) { log_call("ic4_grabber_unref", NULL); unref(g); }

bool ic4_grabber_device_open_by_identifier(IC4_GRABBER *g, const char *id) {
    log_call("ic4_grabber_device_open_by_identifier %s", id);
    NEED_INIT();
    if (!g || !id) return fail(ERR_INVALID_PARAM, "NULL pointer", NULL);
    if (g->cam >= 0) return fail(ERR_INVALID_OPERATION, "A device is already open", NULL);
    load_script();
    for (int i = 0; i < n_cameras; i++) {
        if (strcmp(cameras[i].serial, id) == 0) {
            if (strstr(cameras[i].flags, "failopen")) {
                return fail(ERR_DEVICE_ERROR, "Failed to open device", "the camera does not answer (scripted)");
            }
            g->cam = i;
            return ok();
        }
    }
    return fail(ERR_DEVICE_NOT_FOUND, "Device not found", id);
}

bool ic4_grabber_device_close(IC4_GRABBER *g) {
    log_call("ic4_grabber_device_close", NULL);
    if (!g) return fail(ERR_INVALID_PARAM, "NULL pointer", NULL);
    if (g->cam < 0) return fail(ERR_INVALID_OPERATION, "No device open", NULL);
    g->cam = -1;
    return ok();
}

bool ic4_grabber_device_get_property_map(IC4_GRABBER *g, IC4_PROPERTY_MAP **out) {
    log_call("ic4_grabber_device_get_property_map", NULL);
    if (!g || !out) return fail(ERR_INVALID_PARAM, "NULL pointer", NULL);
    if (g->cam < 0) return fail(ERR_INVALID_OPERATION, "No device open", NULL);
    IC4_PROPERTY_MAP *m = new_object(sizeof(IC4_PROPERTY_MAP));
    m->grabber = g;
    g->refs++;   /* a property map keeps its grabber alive, as the real one keeps its device */
    *out = m;
    return ok();
}

void ic4_propmap_unref(IC4_PROPERTY_MAP *m) {
    log_call("ic4_propmap_unref", NULL);
    if (m && m->refs == 1) {
        unref(m->grabber);
    }
    unref(m);
}

/* ---- properties ---- */
/* Each property has exactly one type; reading or writing it as another is a type mismatch. */
enum kind { NONE, BOOL_RW, ENUM_RO, COMMAND, INT_RO, STRING_RO };

static camera *device_of(IC4_PROPERTY_MAP *m) {
    if (!m || !m->grabber || m->grabber->cam < 0) return NULL;
    return &cameras[m->grabber->cam];
}

static enum kind kind_of(camera *c, const char *name) {
    bool sfnc = strcmp(c->nodes, "sfnc") == 0, gev = strcmp(c->nodes, "gev") == 0;
    if ((sfnc && strcmp(name, "PtpEnable") == 0) || (gev && strcmp(name, "GevIEEE1588") == 0)) return BOOL_RW;
    if ((sfnc && strcmp(name, "PtpStatus") == 0) || (gev && strcmp(name, "GevIEEE1588Status") == 0)) return ENUM_RO;
    if ((sfnc || gev) && strcmp(name, "TimestampLatch") == 0) return COMMAND;
    if ((sfnc || gev) && strcmp(name, "TimestampLatchValue") == 0) return INT_RO;
    if (strcmp(name, "DeviceSerialNumber") == 0 || strcmp(name, "DeviceModelName") == 0) return STRING_RO;
    return NONE;
}

#define PROPERTY(want_kind_check) \
    camera *c = device_of(m); \
    if (!c) return fail(ERR_INVALID_OPERATION, "No device open", NULL); \
    if (!name) return fail(ERR_INVALID_PARAM, "NULL pointer", "prop_name"); \
    enum kind k = kind_of(c, name); \
    if (k == NONE) return fail(ERR_GENICAM_FEATURE_NOT_FOUND, "Feature not found", name); \
    if (!(want_kind_check)) return fail(ERR_GENICAM_TYPE_MISMATCH, "Property type mismatch", name)

bool ic4_propmap_execute_command(IC4_PROPERTY_MAP *m, const char *name) {
    log_call("ic4_propmap_execute_command %s", name);
    PROPERTY(k == COMMAND);
    c->latched = c->latch_source;
    return ok();
}

bool ic4_propmap_get_value_int64(IC4_PROPERTY_MAP *m, const char *name, int64_t *value) {
    log_call("ic4_propmap_get_value_int64 %s", name);
    PROPERTY(k == INT_RO);
    if (!value) return fail(ERR_INVALID_PARAM, "NULL pointer", "pValue");
    *value = c->latched;
    return ok();
}

bool ic4_propmap_get_value_double(IC4_PROPERTY_MAP *m, const char *name, double *value) {
    log_call("ic4_propmap_get_value_double %s", name);
    PROPERTY(k == INT_RO);
    if (!value) return fail(ERR_INVALID_PARAM, "NULL pointer", "pValue");
    *value = (double) c->latched;
    return ok();
}

bool ic4_propmap_get_value_bool(IC4_PROPERTY_MAP *m, const char *name, bool *value) {
    log_call("ic4_propmap_get_value_bool %s", name);
    PROPERTY(k == BOOL_RW);
    if (!value) return fail(ERR_INVALID_PARAM, "NULL pointer", "pValue");
    *value = c->ptp_enabled;
    return ok();
}

bool ic4_propmap_get_value_string(IC4_PROPERTY_MAP *m, const char *name, char *buffer, size_t *size) {
    log_call("ic4_propmap_get_value_string %s", name);
    PROPERTY(k == ENUM_RO || k == STRING_RO);
    if (!size) return fail(ERR_INVALID_PARAM, "NULL pointer", "buffer_size");
    char text[64];
    if (k == ENUM_RO) snprintf(text, sizeof text, "%s", c->ptp_enabled ? c->status : "Disabled");
    else snprintf(text, sizeof text, "%s", strcmp(name, "DeviceSerialNumber") == 0 ? c->serial : c->model);
    size_t need = strlen(text) + 1;
    if (!buffer) {
        *size = need;
        return ok();
    }
    if (*size < need) {
        *size = need;
        return fail(ERR_BUFFER_TOO_SMALL, "Buffer too small", name);
    }
    memcpy(buffer, text, need);
    *size = need;
    return ok();
}

bool ic4_propmap_set_value_int64(IC4_PROPERTY_MAP *m, const char *name, int64_t value) {
    log_call("ic4_propmap_set_value_int64 %s", name);
    (void) value;
    PROPERTY(k == INT_RO);
    return fail(ERR_GENICAM_ACCESS_DENIED, "Property is read-only", name);
}

bool ic4_propmap_set_value_double(IC4_PROPERTY_MAP *m, const char *name, double value) {
    log_call("ic4_propmap_set_value_double %s", name);
    (void) value;
    PROPERTY(k == INT_RO);
    return fail(ERR_GENICAM_ACCESS_DENIED, "Property is read-only", name);
}

bool ic4_propmap_set_value_bool(IC4_PROPERTY_MAP *m, const char *name, bool value) {
    log_call("ic4_propmap_set_value_bool %s", name);
    PROPERTY(k == BOOL_RW);
    c->ptp_enabled = value;
    return ok();
}

bool ic4_propmap_set_value_string(IC4_PROPERTY_MAP *m, const char *name, const char *value) {
    log_call("ic4_propmap_set_value_string %s", name);
    (void) value;
    PROPERTY(k == ENUM_RO || k == STRING_RO);
    return fail(ERR_GENICAM_ACCESS_DENIED, "Property is read-only", name);
}
