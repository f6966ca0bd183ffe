//! From a `postgres://` URL to a connection, the way libpq reads it: `PGPASSWORD`, `~/.pgpass`
//! (or `PGPASSFILE`), `PGUSER`, `PGHOST`, `PGPORT`, `PGDATABASE` fill in what the URL leaves out,
//! and `sslmode` takes libpq's six values. Two parameters are claimtrack's own: `schema=NAME`
//! (the story: several live on one server, one schema each) and `sslrootcert=FILE`.
//!
//! TLS is rustls: pure Rust, so there is no system OpenSSL to install and it behaves the same on
//! every machine. `require` encrypts without checking who answers (as libpq does without a root
//! certificate), `verify-ca` checks the certificate's authority, `verify-full` its host name too.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use percent_encoding::percent_decode_str;
use postgres::config::{Host, SslMode};
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{CertificateError, DigitallySignedStruct, SignatureScheme};

use crate::store::location::without_password;
use crate::store::{OpenFailure, StoreError};

/// How the connection is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tls {
    Disable,
    /// TLS when the server offers it, unverified (libpq's `allow` and `prefer`).
    Prefer,
    /// TLS or nothing, unverified.
    Require,
    /// TLS with a certificate signed by a trusted authority.
    VerifyCa,
    /// ... issued for the host connected to.
    VerifyFull,
}

/// A parsed location, ready to connect.
pub struct Target {
    pub config: postgres::Config,
    /// The story's schema; None for the role's default (`current_schema()`).
    pub schema: Option<String>,
    tls: Tls,
    root_cert: Option<PathBuf>,
    /// The URL as messages may show it.
    pub shown: String,
}

impl Target {
    pub fn parse(url: &str) -> Result<Target, StoreError> {
        let shown = without_password(url);
        let refuse =
            |reason: String| StoreError::CannotOpen { location: shown.clone(), why: OpenFailure::Server(reason) };
        let (base, query) = url.split_once('?').unwrap_or((url, ""));
        let mut kept = Vec::new();
        let mut schema = None;
        let mut tls = Tls::Prefer;
        let mut root_cert = None;
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let decoded = percent_decode_str(value).decode_utf8_lossy().to_string();
            match key {
                "schema" => schema = Some(check_schema(&decoded).map_err(refuse)?),
                "sslrootcert" => root_cert = Some(PathBuf::from(decoded)),
                "sslmode" => {
                    tls = match decoded.as_str() {
                        "disable" => Tls::Disable,
                        "allow" | "prefer" => Tls::Prefer,
                        "require" => Tls::Require,
                        "verify-ca" => Tls::VerifyCa,
                        "verify-full" => Tls::VerifyFull,
                        other => {
                            return Err(refuse(format!(
                                "sslmode={other} is not one of disable, allow, prefer, require, verify-ca, verify-full"
                            )));
                        }
                    }
                }
                _ => kept.push(pair),
            }
        }
        let rebuilt = if kept.is_empty() { base.to_string() } else { format!("{base}?{}", kept.join("&")) };
        let mut config: postgres::Config = rebuilt.parse().map_err(|e: postgres::Error| {
            // The parser's words name the option, never its value.
            refuse(format!("not a connection URL this claimtrack understands ({e})"))
        })?;
        fill_from_environment(&mut config);
        // libpq: with a root certificate given, `require` checks the authority too.
        if tls == Tls::Require && root_cert.is_some() {
            tls = Tls::VerifyCa;
        }
        config.ssl_mode(match tls {
            Tls::Disable => SslMode::Disable,
            Tls::Prefer => SslMode::Prefer,
            _ => SslMode::Require,
        });
        config.connect_timeout(std::time::Duration::from_secs(30));
        if config.get_application_name().is_none() {
            config.application_name("claimtrack");
        }
        Ok(Target { config, schema, tls, root_cert, shown })
    }

    pub fn connect(&self) -> Result<postgres::Client, StoreError> {
        let cannot_open =
            |reason: String| StoreError::CannotOpen { location: self.shown.clone(), why: OpenFailure::Server(reason) };
        let tls_config = self.tls_config().map_err(cannot_open)?;
        let connector = tokio_postgres_rustls::MakeRustlsConnect::new(tls_config);
        self.config.connect(connector).map_err(|e| cannot_open(connect_error(&e)))
    }

    fn tls_config(&self) -> Result<rustls::ClientConfig, String> {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let builder = rustls::ClientConfig::builder_with_provider(provider.clone())
            .with_safe_default_protocol_versions()
            .map_err(|e| e.to_string())?;
        let config = match self.tls {
            Tls::Disable | Tls::Prefer | Tls::Require => builder
                .dangerous()
                .with_custom_certificate_verifier(Arc::new(Unverified(provider)))
                .with_no_client_auth(),
            Tls::VerifyCa | Tls::VerifyFull => {
                let roots = self.roots()?;
                let webpki = rustls::client::WebPkiServerVerifier::builder_with_provider(Arc::new(roots), provider)
                    .build()
                    .map_err(|e| format!("cannot use the root certificates: {e}"))?;
                if self.tls == Tls::VerifyFull {
                    builder.with_webpki_verifier(webpki).with_no_client_auth()
                } else {
                    builder
                        .dangerous()
                        .with_custom_certificate_verifier(Arc::new(AnyName(webpki)))
                        .with_no_client_auth()
                }
            }
        };
        Ok(config)
    }

    /// The trusted authorities: `sslrootcert`, else `~/.postgresql/root.crt`, as libpq looks.
    fn roots(&self) -> Result<rustls::RootCertStore, String> {
        let path = match &self.root_cert {
            Some(path) => path.clone(),
            None => home().map(|h| h.join(".postgresql/root.crt")).unwrap_or_default(),
        };
        if !path.is_file() {
            return Err(format!(
                "sslmode=verify-ca and verify-full need the server's certificate authority: give it with sslrootcert=FILE (no file at {})",
                path.display()
            ));
        }
        let mut roots = rustls::RootCertStore::empty();
        let certs = CertificateDer::pem_file_iter(&path)
            .map_err(|e| format!("cannot read sslrootcert {}: {e}", path.display()))?;
        for cert in certs {
            let cert =
                cert.map_err(|e| format!("sslrootcert {} is not a PEM certificate file ({e})", path.display()))?;
            roots.add(cert).map_err(|e| format!("sslrootcert {}: {e}", path.display()))?;
        }
        if roots.is_empty() {
            return Err(format!("sslrootcert {} holds no certificate", path.display()));
        }
        Ok(roots)
    }
}

/// A story's schema name: plain lower-case, so that it reads the same quoted or not.
fn check_schema(name: &str) -> Result<String, String> {
    let ok = !name.is_empty()
        && name.len() <= 63
        && name.starts_with(|c: char| c.is_ascii_lowercase() || c == '_')
        && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !name.starts_with("pg_");
    if ok {
        Ok(name.to_string())
    } else {
        Err(format!(
            "schema={name:?}: a story's schema name is lower-case letters, digits and _, starting with a letter, at most 63 (and not pg_...)"
        ))
    }
}

/// What the URL leaves out comes from the environment, as libpq does it.
fn fill_from_environment(config: &mut postgres::Config) {
    let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    if config.get_hosts().is_empty() {
        match var("PGHOST") {
            Some(host) => {
                for host in host.split(',') {
                    config.host(host);
                }
            }
            None => {
                // libpq's default is the local socket; Debian puts it here.
                if Path::new("/var/run/postgresql").is_dir() {
                    config.host_path("/var/run/postgresql");
                } else {
                    config.host("localhost");
                }
            }
        }
    }
    if config.get_ports().is_empty()
        && let Some(port) = var("PGPORT").and_then(|p| p.parse().ok())
    {
        config.port(port);
    }
    if config.get_user().is_none() {
        config.user(var("PGUSER").unwrap_or_else(crate::commands::login_name).as_str());
    }
    if config.get_dbname().is_none()
        && let Some(db) = var("PGDATABASE")
    {
        config.dbname(db.as_str());
    }
    if config.get_password().is_none() {
        let password = var("PGPASSWORD").or_else(|| {
            let file = var("PGPASSFILE").map(PathBuf::from).or_else(|| home().map(|h| h.join(".pgpass")))?;
            let text = read_private(&file)?;
            let host = match config.get_hosts().first() {
                Some(Host::Tcp(host)) => host.clone(),
                _ => "localhost".to_string(),
            };
            let port = config.get_ports().first().copied().unwrap_or(5432).to_string();
            let user = config.get_user().unwrap_or_default().to_string();
            let db = config.get_dbname().map_or_else(|| user.clone(), str::to_string);
            pgpass_lookup(&text, &host, &port, &db, &user)
        });
        if let Some(password) = password {
            config.password(password);
        }
    }
}

fn home() -> Option<PathBuf> {
    std::env::var_os("HOME").filter(|h| !h.is_empty()).map(PathBuf::from)
}

/// A password file others can read is ignored, as libpq does (with its warning).
fn read_private(path: &Path) -> Option<String> {
    let meta = std::fs::metadata(path).ok()?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if meta.permissions().mode() & 0o077 != 0 {
            eprintln!(
                "warning: {} is readable by others, so it is not used; make it private with chmod 600",
                path.display()
            );
            return None;
        }
    }
    if !meta.is_file() {
        return None;
    }
    std::fs::read_to_string(path).ok()
}

/// The password of the first `host:port:database:user:password` line that matches; `*` matches
/// anything, `\:` and `\\` are a colon and a backslash.
fn pgpass_lookup(text: &str, host: &str, port: &str, db: &str, user: &str) -> Option<String> {
    for line in text.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let mut fields = Vec::new();
        let mut field = String::new();
        let mut chars = line.chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => field.extend(chars.next()),
                ':' if fields.len() < 4 => fields.push(std::mem::take(&mut field)),
                c => field.push(c),
            }
        }
        fields.push(field);
        if fields.len() != 5 {
            continue;
        }
        let matches = |pattern: &str, value: &str| pattern == "*" || pattern == value;
        if matches(&fields[0], host)
            && matches(&fields[1], port)
            && matches(&fields[2], db)
            && matches(&fields[3], user)
        {
            return fields.pop();
        }
    }
    None
}

/// Why a connection failed, in words that never hold the password.
fn connect_error(err: &postgres::Error) -> String {
    if let Some(db) = err.as_db_error() {
        return match db.code().code() {
            "28P01" | "28000" => {
                format!("{} (give the password with PGPASSWORD or in ~/.pgpass, or check the user name)", db.message())
            }
            "3D000" => format!("{}: create it first (createdb, or CREATE DATABASE)", db.message()),
            _ => db.message().to_string(),
        };
    }
    let mut text = err.to_string();
    let mut cause = std::error::Error::source(err);
    while let Some(inner) = cause {
        if let Some(io) = inner.downcast_ref::<std::io::Error>() {
            match io.kind() {
                std::io::ErrorKind::ConnectionRefused => {
                    return "no server answers there: is PostgreSQL running, and are the host and port right?".into();
                }
                std::io::ErrorKind::TimedOut => {
                    return "the server did not answer in time: check the host and port, and the network".into();
                }
                _ => {}
            }
        }
        text = inner.to_string();
        cause = inner.source();
    }
    if text.contains("UnknownIssuer") || text.contains("BadSignature") {
        return "the server's certificate is not signed by an authority in sslrootcert".into();
    }
    if text.contains("NotValidForName") || text.contains("not valid for name") {
        return "the server's certificate is not issued for this host name (sslmode=verify-full checks it)".into();
    }
    if text.contains("server does not support TLS") {
        return "the server does not offer TLS, which this sslmode requires".into();
    }
    text
}

/// `prefer` and `require`: encrypted, whoever answers.
#[derive(Debug)]
struct Unverified(Arc<rustls::crypto::CryptoProvider>);

impl ServerCertVerifier for Unverified {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(message, cert, dss, &self.0.signature_verification_algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(message, cert, dss, &self.0.signature_verification_algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}

/// `verify-ca`: the authority is checked, the host name is not.
#[derive(Debug)]
struct AnyName(Arc<rustls::client::WebPkiServerVerifier>);

impl ServerCertVerifier for AnyName {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        match self.0.verify_server_cert(end_entity, intermediates, server_name, ocsp_response, now) {
            Err(rustls::Error::InvalidCertificate(CertificateError::NotValidForName))
            | Err(rustls::Error::InvalidCertificate(CertificateError::NotValidForNameContext { .. })) => {
                Ok(ServerCertVerified::assertion())
            }
            other => other,
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.0.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.0.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.supported_verify_schemes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pgpass_lines_match_as_libpq_reads_them() {
        let text = "# desk\nother:5432:*:ana:no\ndb\\:1:*:news:ana:s3c\\:ret\n*:*:*:*:fallback\n";
        assert_eq!(pgpass_lookup(text, "db:1", "5432", "news", "ana").as_deref(), Some("s3c:ret"));
        assert_eq!(pgpass_lookup(text, "other", "5432", "news", "ana").as_deref(), Some("no"));
        assert_eq!(pgpass_lookup(text, "x", "1", "y", "z").as_deref(), Some("fallback"));
        assert_eq!(pgpass_lookup("short:line\n", "x", "1", "y", "z"), None);
    }

    #[test]
    fn claimtracks_own_parameters_are_taken_out() {
        let target =
            Target::parse("postgres://ana:pw@db:5433/news?schema=talks_2024&sslmode=verify-full&application_name=x")
                .unwrap();
        assert_eq!(target.schema.as_deref(), Some("talks_2024"));
        assert_eq!(target.tls, Tls::VerifyFull);
        assert_eq!(target.config.get_dbname(), Some("news"));
        assert_eq!(target.config.get_ports(), [5433]);
        assert!(!target.shown.contains("pw"));
    }

    #[test]
    fn bad_parameters_are_refused_without_the_password() {
        for url in [
            "postgres://ana:pw@db/news?schema=Talks",
            "postgres://ana:pw@db/news?schema=a;drop",
            "postgres://ana:pw@db/news?sslmode=sometimes",
            "postgres://ana:pw@db/news?nonsense=1",
        ] {
            let err = Target::parse(url).err().unwrap();
            let StoreError::CannotOpen { location, why: OpenFailure::Server(reason) } = err else { panic!("{url}") };
            assert!(!location.contains("pw") && !reason.contains("pw"), "{location}: {reason}");
        }
    }
}
