#ifndef PATHFOLIO_COPENSSL_SHIM_H
#define PATHFOLIO_COPENSSL_SHIM_H
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <openssl/sha.h>
#include <openssl/err.h>
#include <openssl/bn.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <openssl/core_names.h>
#include <openssl/param_build.h>

/* What Swift cannot reach directly: macros that alias other macros, variadic helpers, and
   OSSL_PARAM arrays. Each is a few lines of plain libcrypto calls. */

static const int PATHFOLIO_EVP_CTRL_GCM_GET_TAG = EVP_CTRL_GCM_GET_TAG;
static const int PATHFOLIO_EVP_CTRL_GCM_SET_TAG = EVP_CTRL_GCM_SET_TAG;
static const int PATHFOLIO_EVP_PKEY_RSA = EVP_PKEY_RSA;
static const int PATHFOLIO_EVP_PKEY_ED25519 = EVP_PKEY_ED25519;

/* A new key pair: RSA of `bits` bits (public exponent 65537), or Ed25519 when bits is 0. */
static inline EVP_PKEY *pathfolio_generate_key(int bits) {
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_id(bits > 0 ? EVP_PKEY_RSA : EVP_PKEY_ED25519, NULL);
    EVP_PKEY *key = NULL;
    if (ctx == NULL) return NULL;
    if (EVP_PKEY_keygen_init(ctx) <= 0
        || (bits > 0 && EVP_PKEY_CTX_set_rsa_keygen_bits(ctx, bits) <= 0)
        || EVP_PKEY_keygen(ctx, &key) <= 0) {
        key = NULL;
    }
    EVP_PKEY_CTX_free(ctx);
    return key;
}

/* An RSA public key from its big-endian modulus and exponent. */
static inline EVP_PKEY *pathfolio_rsa_public_key(const unsigned char *n, size_t n_length,
                                                 const unsigned char *e, size_t e_length) {
    EVP_PKEY *key = NULL;
    BIGNUM *modulus = BN_bin2bn(n, (int)n_length, NULL);
    BIGNUM *exponent = BN_bin2bn(e, (int)e_length, NULL);
    OSSL_PARAM_BLD *builder = OSSL_PARAM_BLD_new();
    OSSL_PARAM *params = NULL;
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_name(NULL, "RSA", NULL);
    if (modulus && exponent && builder && ctx
        && OSSL_PARAM_BLD_push_BN(builder, OSSL_PKEY_PARAM_RSA_N, modulus)
        && OSSL_PARAM_BLD_push_BN(builder, OSSL_PKEY_PARAM_RSA_E, exponent)
        && (params = OSSL_PARAM_BLD_to_param(builder)) != NULL
        && EVP_PKEY_fromdata_init(ctx) > 0) {
        if (EVP_PKEY_fromdata(ctx, &key, EVP_PKEY_PUBLIC_KEY, params) <= 0) key = NULL;
    }
    EVP_PKEY_CTX_free(ctx);
    OSSL_PARAM_free(params);
    OSSL_PARAM_BLD_free(builder);
    BN_free(modulus);
    BN_free(exponent);
    return key;
}

/* One RSA public component ("n" or "e") as big-endian bytes into `out` (NULL: just the length);
   returns the length, or -1. */
static inline int pathfolio_rsa_component(const EVP_PKEY *key, const char *name, unsigned char *out) {
    BIGNUM *value = NULL;
    int length;
    if (EVP_PKEY_get_bn_param(key, name, &value) <= 0) return -1;
    length = (BN_num_bits(value) + 7) / 8;
    if (out != NULL) BN_bn2bin(value, out);
    BN_free(value);
    return length;
}

/* The private key as PKCS#8 DER into `out` (NULL: just the length); -1 on failure. */
static inline int pathfolio_private_key_pkcs8(const EVP_PKEY *key, unsigned char *out) {
    PKCS8_PRIV_KEY_INFO *info = EVP_PKEY2PKCS8(key);
    int length;
    unsigned char *cursor = out;
    if (info == NULL) return -1;
    length = i2d_PKCS8_PRIV_KEY_INFO(info, out == NULL ? NULL : &cursor);
    PKCS8_PRIV_KEY_INFO_free(info);
    return length;
}

/* A private key from PKCS#8 DER; NULL when it is not one. */
static inline EVP_PKEY *pathfolio_private_key_from_pkcs8(const unsigned char *der, long length) {
    const unsigned char *cursor = der;
    PKCS8_PRIV_KEY_INFO *info = d2i_PKCS8_PRIV_KEY_INFO(NULL, &cursor, length);
    EVP_PKEY *key;
    if (info == NULL) return NULL;
    key = cursor == der + length ? EVP_PKCS82PKEY(info) : NULL;
    PKCS8_PRIV_KEY_INFO_free(info);
    return key;
}
#endif
