// Typed shims over libcurl's variadic functions, which Swift cannot call directly.
//
// `curl_easy_setopt` and `curl_easy_getinfo` take their argument through C varargs, so
// each argument type gets its own `static inline` wrapper here. Only the `HTTP` module imports this module;
// it turns the `CURLcode`s returned here into Swift errors. The multi interface's other functions are not
// variadic and are called from Swift directly.

#ifndef CCURL_H
#define CCURL_H

// Opaque struct types (`CURL`, `CURLM`, `CURLSH`) instead of `void`, so Swift sees typed `OpaquePointer`s
// rather than raw pointers, and no GCC type-checking macros around the variadic functions.
#define CURL_STRICTER 1
#define CURL_DISABLE_TYPECHECK 1

#include <curl/curl.h>

#pragma clang assume_nonnull begin

// MARK: - curl_easy_setopt

/// `curl_easy_setopt` for options of type `long` (flags, timeouts, sizes that are `long`).
static inline CURLcode ccurl_easy_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

/// `curl_easy_setopt` for string options. libcurl copies the string (except `CURLOPT_POSTFIELDS`, which
/// callers must never pass here: use `CURLOPT_COPYPOSTFIELDS` through `ccurl_easy_setopt_pointer`).
static inline CURLcode ccurl_easy_setopt_string(CURL *handle, CURLoption option, const char *_Nullable value) {
    return curl_easy_setopt(handle, option, value);
}

/// `curl_easy_setopt` for pointer options (callback user data, error buffer, `CURLOPT_COPYPOSTFIELDS`).
static inline CURLcode ccurl_easy_setopt_pointer(CURL *handle, CURLoption option, void *_Nullable value) {
    return curl_easy_setopt(handle, option, value);
}

/// `curl_easy_setopt` for options of type `curl_off_t` (the `_LARGE` size options).
static inline CURLcode ccurl_easy_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}

/// `curl_easy_setopt` for `struct curl_slist *` options such as `CURLOPT_HTTPHEADER`. libcurl does not copy
/// the list: it must outlive the transfer.
static inline CURLcode ccurl_easy_setopt_slist(CURL *handle, CURLoption option,
                                               struct curl_slist *_Nullable value) {
    return curl_easy_setopt(handle, option, value);
}

/// `curl_easy_setopt` for `CURLOPT_WRITEFUNCTION` and `CURLOPT_HEADERFUNCTION`.
static inline CURLcode ccurl_easy_setopt_write_callback(CURL *handle, CURLoption option,
                                                        curl_write_callback _Nullable value) {
    return curl_easy_setopt(handle, option, value);
}

/// `curl_easy_setopt` for `CURLOPT_XFERINFOFUNCTION`.
static inline CURLcode ccurl_easy_setopt_xferinfo_callback(CURL *handle, CURLoption option,
                                                           curl_xferinfo_callback _Nullable value) {
    return curl_easy_setopt(handle, option, value);
}

// MARK: - curl_easy_getinfo

/// `curl_easy_getinfo` for `CURLINFO_LONG` values (response code, connection counts).
static inline CURLcode ccurl_easy_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}

/// `curl_easy_getinfo` for `CURLINFO_STRING` values. The string belongs to the handle and stays valid only
/// until the next transfer or option change on it; `*value` may be set to NULL.
static inline CURLcode ccurl_easy_getinfo_string(CURL *handle, CURLINFO info, const char *_Nullable *value) {
    char *result = NULL;
    CURLcode code = curl_easy_getinfo(handle, info, &result);
    *value = result;
    return code;
}

/// `curl_easy_getinfo` for `CURLINFO_DOUBLE` values.
static inline CURLcode ccurl_easy_getinfo_double(CURL *handle, CURLINFO info, double *value) {
    return curl_easy_getinfo(handle, info, value);
}

/// `curl_easy_getinfo` for `CURLINFO_OFF_T` values (sizes and the `_T` timings in microseconds).
static inline CURLcode ccurl_easy_getinfo_off_t(CURL *handle, CURLINFO info, curl_off_t *value) {
    return curl_easy_getinfo(handle, info, value);
}

// MARK: - curl_multi_setopt

/// `curl_multi_setopt` for options of type `long` (`CURLMOPT_MAXCONNECTS`).
static inline CURLMcode ccurl_multi_setopt_long(CURLM *handle, CURLMoption option, long value) {
    return curl_multi_setopt(handle, option, value);
}

#pragma clang assume_nonnull end

#endif // CCURL_H
