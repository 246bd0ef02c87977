//! The keys tokens are verified with: the HS256 development secret, and for production RS256 or
//! EdDSA public keys from PEM files or a JWKS file. Several keys may be trusted at once, each
//! named by its `kid`, so signing keys rotate without downtime: publish the new key beside the
//! old, sign with the new, drop the old once its tokens have expired (a rolling restart of the
//! nodes picks the file up).
//!
//! Each key is bound to one algorithm, and a token is checked only with a key of the algorithm
//! its header names: an `HS256` token cannot be verified against an RSA public key used as a
//! shared secret (algorithm confusion), and `none` is not an algorithm the library even parses.

use std::path::Path;

use jsonwebtoken::jwk::{AlgorithmParameters, EllipticCurve, JwkSet};
use jsonwebtoken::{Algorithm, DecodingKey, Header};

use crate::ApiError;
use crate::auth::{MIN_SECRET_BYTES, WeakSecret};

/// One trusted key.
pub struct VerificationKey {
    /// The key id tokens name it by; `None` for the development secret.
    pub kid: Option<String>,
    pub algorithm: Algorithm,
    pub(crate) key: DecodingKey,
}

impl std::fmt::Debug for VerificationKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("VerificationKey")
            .field("kid", &self.kid)
            .field("algorithm", &self.algorithm)
            .finish_non_exhaustive()
    }
}

/// Why a key cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("{path} holds no RSA or Ed25519 public key in PEM form")]
    NotAPublicKey { path: String },
    #[error("the JWKS file {path} is not a JSON Web Key Set: {detail}")]
    NotAJwks { path: String, detail: String },
    #[error("key {index} of the JWKS file {path}: {detail}")]
    UnusableJwk {
        path: String,
        index: usize,
        detail: String,
    },
    #[error(transparent)]
    WeakSecret(#[from] WeakSecret),
}

impl VerificationKey {
    /// The HS256 development secret.
    pub fn shared_secret(secret: &[u8]) -> Result<Self, WeakSecret> {
        if secret.len() < MIN_SECRET_BYTES {
            return Err(WeakSecret(secret.len()));
        }
        Ok(Self {
            kid: None,
            algorithm: Algorithm::HS256,
            key: DecodingKey::from_secret(secret),
        })
    }

    /// A PEM public key file: RSA (RS256) or Ed25519 (EdDSA). Its `kid` is the file's stem
    /// (`keys/2026-11.pem` is `2026-11`).
    pub fn from_pem_file(path: &Path) -> Result<Self, KeyError> {
        let shown = path.display().to_string();
        let pem = std::fs::read(path).map_err(|source| KeyError::Read {
            path: shown.clone(),
            source,
        })?;
        let kid = path
            .file_stem()
            .and_then(|stem| stem.to_str())
            .map(str::to_owned);
        let (algorithm, key) = if let Ok(key) = DecodingKey::from_rsa_pem(&pem) {
            (Algorithm::RS256, key)
        } else if let Ok(key) = DecodingKey::from_ed_pem(&pem) {
            (Algorithm::EdDSA, key)
        } else {
            return Err(KeyError::NotAPublicKey { path: shown });
        };
        Ok(Self {
            kid,
            algorithm,
            key,
        })
    }

    /// Every key of a JWKS file. Each needs a `kid`; its algorithm is its `alg`, or follows from
    /// its type (RSA: RS256, Ed25519: EdDSA, P-256: ES256). Symmetric keys are refused: a shared
    /// secret does not belong in a published key set.
    pub fn from_jwks_file(path: &Path) -> Result<Vec<Self>, KeyError> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|source| KeyError::Read {
            path: shown.clone(),
            source,
        })?;
        let set: JwkSet = serde_json::from_str(&text).map_err(|error| KeyError::NotAJwks {
            path: shown.clone(),
            detail: error.to_string(),
        })?;
        let unusable = |index: usize, detail: String| KeyError::UnusableJwk {
            path: shown.clone(),
            index,
            detail,
        };
        set.keys
            .iter()
            .enumerate()
            .map(|(index, jwk)| {
                let kid = jwk
                    .common
                    .key_id
                    .clone()
                    .ok_or_else(|| unusable(index, "it has no kid".to_owned()))?;
                let implied = match &jwk.algorithm {
                    AlgorithmParameters::RSA(_) => Some(Algorithm::RS256),
                    AlgorithmParameters::OctetKeyPair(_) => Some(Algorithm::EdDSA),
                    AlgorithmParameters::EllipticCurve(curve)
                        if curve.curve == EllipticCurve::P256 =>
                    {
                        Some(Algorithm::ES256)
                    }
                    AlgorithmParameters::OctetKey(_) => {
                        return Err(unusable(
                            index,
                            "symmetric keys are not accepted".to_owned(),
                        ));
                    }
                    _ => None,
                };
                let algorithm = match jwk.common.key_algorithm {
                    Some(named) => Algorithm::try_from(named)
                        .map_err(|error| unusable(index, error.to_string()))?,
                    None => implied.ok_or_else(|| {
                        unusable(index, "its key type is not supported".to_owned())
                    })?,
                };
                let key = DecodingKey::from_jwk(jwk)
                    .map_err(|error| unusable(index, error.to_string()))?;
                Ok(Self {
                    kid: Some(kid),
                    algorithm,
                    key,
                })
            })
            .collect()
    }
}

/// The key a token's header asks for: one of the algorithm it names, with the `kid` it names
/// (a token without `kid` is checked against the one key of its algorithm without a `kid`, or
/// the only key of its algorithm).
pub(crate) fn select<'k>(
    keys: &'k [VerificationKey],
    header: &Header,
) -> Result<&'k VerificationKey, ApiError> {
    let candidates: Vec<&VerificationKey> = keys
        .iter()
        .filter(|key| key.algorithm == header.alg)
        .collect();
    if candidates.is_empty() {
        return Err(ApiError::Unauthorized(format!(
            "the token is signed with {:?}, an algorithm DXP does not accept here",
            header.alg
        )));
    }
    let chosen = match &header.kid {
        Some(kid) => candidates
            .iter()
            .find(|key| key.kid.as_deref() == Some(kid.as_str()))
            .or_else(|| candidates.iter().find(|key| key.kid.is_none())),
        None => candidates
            .iter()
            .find(|key| key.kid.is_none())
            .or_else(|| (candidates.len() == 1).then(|| &candidates[0])),
    };
    chosen.copied().ok_or_else(|| {
        ApiError::Unauthorized(match &header.kid {
            Some(kid) => format!("the token's key '{kid}' is not one DXP trusts"),
            None => "the token names no key (kid) and several could have signed it".to_owned(),
        })
    })
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use jsonwebtoken::{EncodingKey, encode};
    use serde_json::{Value, json};

    use super::*;
    use crate::auth::{TokenSettings, TokenVerifier};

    const SECRET: &[u8] = b"0123456789abcdef0123456789abcdef";

    fn key_file(name: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("testdata/keys")
            .join(name)
    }

    fn now() -> u64 {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|elapsed| elapsed.as_secs())
            .unwrap_or_default()
    }

    fn claims() -> Value {
        json!({
            "sub": "sms-vendor", "org": 6004, "roles": ["teo-submitter"],
            "iss": "dxp", "aud": "dxp-api", "iat": now(), "exp": now() + 300
        })
    }

    fn sign(algorithm: Algorithm, kid: Option<&str>, key: &EncodingKey, claims: &Value) -> String {
        let mut header = Header::new(algorithm);
        header.kid = kid.map(str::to_owned);
        encode(&header, claims, key).expect("sign")
    }

    /// One part of a token: unpadded base64url of the JSON (RFC 7515).
    fn encode_part(value: &Value) -> String {
        use base64::Engine as _;
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(value.to_string())
    }

    fn rsa_private() -> EncodingKey {
        EncodingKey::from_rsa_pem(&std::fs::read(key_file("rsa-2026.key")).expect("key"))
            .expect("RSA key")
    }

    fn ed_private() -> EncodingKey {
        EncodingKey::from_ed_pem(&std::fs::read(key_file("ed-2027.key")).expect("key"))
            .expect("Ed25519 key")
    }

    /// A verifier trusting the development secret and both PEM keys: the rotation's overlap.
    fn verifier() -> TokenVerifier {
        let keys = vec![
            VerificationKey::shared_secret(SECRET).expect("secret"),
            VerificationKey::from_pem_file(&key_file("rsa-2026.pem")).expect("RSA"),
            VerificationKey::from_pem_file(&key_file("ed-2027.pem")).expect("Ed25519"),
        ];
        TokenVerifier::with_keys(keys, &TokenSettings::default())
    }

    fn refusal(verifier: &TokenVerifier, token: &str) -> String {
        match verifier.verify(token) {
            Err(ApiError::Unauthorized(why)) => why,
            other => panic!("expected a 401, got {other:?}"),
        }
    }

    #[test]
    fn rs256_and_eddsa_keys_from_pem_verify_by_kid_during_a_rotation() {
        let verifier = verifier();
        let old = sign(
            Algorithm::RS256,
            Some("rsa-2026"),
            &rsa_private(),
            &claims(),
        );
        let new = sign(Algorithm::EdDSA, Some("ed-2027"), &ed_private(), &claims());
        for token in [&old, &new] {
            let principal = verifier.verify(token).expect("verifies");
            assert_eq!(principal.subject, "sms-vendor");
        }
        let dev = sign(
            Algorithm::HS256,
            None,
            &EncodingKey::from_secret(SECRET),
            &claims(),
        );
        assert!(verifier.verify(&dev).is_ok());

        // After the rotation the old key is gone: its tokens are refused.
        let rotated = TokenVerifier::with_keys(
            vec![VerificationKey::from_pem_file(&key_file("ed-2027.pem")).expect("Ed25519")],
            &TokenSettings::default(),
        );
        assert!(rotated.verify(&new).is_ok());
        assert!(refusal(&rotated, &old).contains("RS256"));
        assert!(
            refusal(&rotated, &dev).contains("HS256"),
            "no secret, no HS256"
        );
    }

    #[test]
    fn an_unknown_kid_a_wrong_key_and_an_unsigned_token_are_refused() {
        let verifier = verifier();
        let unknown = sign(Algorithm::EdDSA, Some("ed-2099"), &ed_private(), &claims());
        // No kid-less Ed25519 key to fall back to: the kid must be known.
        assert!(refusal(&verifier, &unknown).contains("ed-2099"));
        // A claim changed after signing: the signature no longer verifies.
        let genuine = sign(Algorithm::EdDSA, Some("ed-2027"), &ed_private(), &claims());
        let mut parts: Vec<String> = genuine.split('.').map(str::to_owned).collect();
        let mut altered = claims();
        altered["roles"] = json!(["tec-admin"]);
        parts[1] = encode_part(&altered);
        assert!(refusal(&verifier, &parts.join(".")).contains("signature"));
        // alg none: a header and claims with an empty signature.
        let none = "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiJ4Iiwicm9sZXMiOlsidGVjLWFkbWluIl0sImlzcyI6ImR4cCIsImF1ZCI6ImR4cC1hcGkiLCJleHAiOjQxMDI0NDQ4MDB9.";
        assert!(refusal(&verifier, none).contains("malformed"));
    }

    #[test]
    fn an_hs256_token_signed_with_the_public_key_as_secret_is_refused() {
        // Algorithm confusion: the attacker knows the RSA public key and uses its PEM bytes as
        // an HMAC secret. Only RS256 tokens are checked against that key.
        let public = std::fs::read(key_file("rsa-2026.pem")).expect("public key");
        let only_rsa = TokenVerifier::with_keys(
            vec![VerificationKey::from_pem_file(&key_file("rsa-2026.pem")).expect("RSA")],
            &TokenSettings::default(),
        );
        let confused = sign(
            Algorithm::HS256,
            Some("rsa-2026"),
            &EncodingKey::from_secret(&public),
            &claims(),
        );
        assert!(refusal(&only_rsa, &confused).contains("HS256"));
    }

    #[test]
    fn not_before_and_expiry_have_a_small_leeway_only() {
        let verifier = verifier();
        let key = EncodingKey::from_secret(SECRET);
        let mut early = claims();
        early["nbf"] = json!(now() + 120);
        assert!(refusal(&verifier, &sign(Algorithm::HS256, None, &key, &early)).contains("nbf"));
        early["nbf"] = json!(now() + 10);
        assert!(
            verifier
                .verify(&sign(Algorithm::HS256, None, &key, &early))
                .is_ok(),
            "skew"
        );
        let mut late = claims();
        late["exp"] = json!(now() - 120);
        assert!(refusal(&verifier, &sign(Algorithm::HS256, None, &key, &late)).contains("expired"));
        let mut no_audience = claims();
        no_audience.as_object_mut().expect("object").remove("aud");
        assert!(
            verifier
                .verify(&sign(Algorithm::HS256, None, &key, &no_audience))
                .is_err()
        );
    }

    #[test]
    fn a_jwks_file_gives_each_key_its_kid_and_algorithm_and_refuses_shared_secrets() {
        let folder = tempfile::tempdir().expect("folder");
        let rsa = jsonwebtoken::jwk::Jwk::from_encoding_key(&rsa_private(), Algorithm::RS256)
            .expect("jwk");
        let mut rsa = serde_json::to_value(rsa).expect("JSON");
        rsa["kid"] = json!("rsa-2026");
        // The public half only, as a published key set holds it.
        for private in ["d", "p", "q", "dp", "dq", "qi"] {
            rsa.as_object_mut().expect("object").remove(private);
        }
        let path = folder.path().join("jwks.json");
        std::fs::write(&path, json!({"keys": [rsa]}).to_string()).expect("write");
        let keys = VerificationKey::from_jwks_file(&path).expect("JWKS");
        assert_eq!(keys.len(), 1);
        assert_eq!(
            (keys[0].kid.as_deref(), keys[0].algorithm),
            (Some("rsa-2026"), Algorithm::RS256)
        );
        let verifier = TokenVerifier::with_keys(keys, &TokenSettings::default());
        let token = sign(
            Algorithm::RS256,
            Some("rsa-2026"),
            &rsa_private(),
            &claims(),
        );
        assert!(verifier.verify(&token).is_ok());

        std::fs::write(
            &path,
            r#"{"keys": [{"kty": "oct", "kid": "s", "k": "c2VjcmV0"}]}"#,
        )
        .expect("write");
        let error = VerificationKey::from_jwks_file(&path).expect_err("symmetric");
        assert!(error.to_string().contains("symmetric"), "{error}");
        std::fs::write(
            &path,
            r#"{"keys": [{"kty": "RSA", "n": "AQAB", "e": "AQAB"}]}"#,
        )
        .expect("write");
        assert!(
            VerificationKey::from_jwks_file(&path)
                .expect_err("no kid")
                .to_string()
                .contains("kid")
        );
    }
}
