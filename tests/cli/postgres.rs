//! What only a PostgreSQL server has: stories in schemas, roles, passwords from the environment,
//! a story moved between a file and the server. These run when CLAIMTRACK_TEST_POSTGRES names a
//! server (`.ci/run` starts one); on SQLite alone each returns at once.

use std::process::Command;

use crate::common::{Fixture, admin, new_schema, with_schema};

fn claimtrack() -> Command {
    Command::new(assert_cmd::cargo::cargo_bin("claimtrack"))
}

/// A login role with a password, dropped (with what it owns) at the end of the test.
struct Role {
    name: String,
    password: String,
    url: String,
}

impl Role {
    fn new(url: &str) -> Role {
        let name = format!("r_{}", &new_schema()[2..14]);
        let password = format!("pw-{}", &new_schema()[20..]);
        admin(url).batch_execute(&format!("CREATE ROLE {name} LOGIN PASSWORD '{password}'")).unwrap();
        Role { name, password, url: url.to_string() }
    }

    /// `url` (the test server's, with a schema) as this role, without a password.
    fn location(&self, location: &str) -> String {
        let (_, rest) = location.split_once('@').unwrap();
        format!("postgres://{}@{rest}", self.name)
    }
}

impl Drop for Role {
    fn drop(&mut self) {
        let _ = admin(&self.url).batch_execute(&format!("DROP OWNED BY {0} CASCADE; DROP ROLE {0}", self.name));
    }
}

fn schema_of(f: &Fixture) -> String {
    f.location.rsplit("schema=").next().unwrap().to_string()
}

#[test]
fn postgres_a_story_from_a_newer_claimtrack_is_refused_untouched() {
    let url = postgres_only!();
    let f = Fixture::seeded();
    admin(&url).batch_execute(&format!("UPDATE {}.claimtrack_schema SET version = 999", schema_of(&f))).unwrap();
    for args in [&["list"][..], &["add", "x", "--by", "y"], &["init"]] {
        let error = f.fails(args, 1);
        assert!(error.contains("newer claimtrack (schema version 999"), "{error}");
    }
    assert_eq!(f.count("claims"), 12);
}

#[test]
fn postgres_a_schema_of_another_program_is_refused() {
    let url = postgres_only!();
    let f = Fixture::new();
    let schema = schema_of(&f);
    admin(&url).batch_execute(&format!("CREATE SCHEMA {schema}; CREATE TABLE {schema}.notes (body text)")).unwrap();
    let error = f.fails(&["add", "x", "--by", "y"], 1);
    assert!(error.contains("not a claimtrack one"), "{error}");
    let tables: i64 =
        admin(&url).query_one("SELECT count(*) FROM pg_tables WHERE schemaname = $1", &[&schema]).unwrap().get(0);
    assert_eq!(tables, 1, "nothing was added to it");
}

#[test]
fn postgres_check_finds_a_stale_search_index_and_repair_rebuilds_it() {
    let url = postgres_only!();
    let f = Fixture::seeded();
    assert!(f.ok_stderr(&["check"]).contains("no problems found"));
    let schema = schema_of(&f);
    admin(&url)
        .batch_execute(&format!(
            "ALTER TABLE {schema}.claims DISABLE TRIGGER claims_fts_update;
             UPDATE {schema}.claims SET text = 'completely different words' WHERE id = 9;"
        ))
        .unwrap();
    let output = f.cmd(&["check"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("full-text index: the search index is out of step"), "{stderr}");
    assert!(f.ok_stderr(&["check", "--repair"]).contains("rebuilt the full-text index"));
    assert_eq!(f.json(&["search", "completely different", "--format", "json"])[0]["id"], 9);
}

#[test]
fn postgres_several_stories_live_on_one_server() {
    let url = postgres_only!();
    let talks = Fixture::seeded();
    let other = with_schema(&url, &new_schema());
    let f = Fixture::new();
    f.ok(&["--db", &other, "add", "Another story's claim", "--by", "Someone"]);
    assert_eq!(f.json(&["--db", &other, "list", "--format", "json"]).as_array().unwrap().len(), 1);
    assert_eq!(talks.count("claims"), 12, "each story keeps to its schema");
    admin(&url).batch_execute(&format!("DROP SCHEMA {} CASCADE", other.rsplit("schema=").next().unwrap())).unwrap();
    let error = f.fails(&["--db", &with_schema(&url, "Not-A-Name"), "list"], 1);
    assert!(error.contains("lower-case letters, digits and _"), "{error}");
}

#[test]
fn postgres_passwords_come_from_the_environment_and_never_show() {
    let url = postgres_only!();
    let f = Fixture::seeded();
    let role = Role::new(&url);
    let schema = schema_of(&f);
    admin(&url)
        .batch_execute(&format!(
            "GRANT USAGE ON SCHEMA {schema} TO {0}; GRANT SELECT ON ALL TABLES IN SCHEMA {schema} TO {0}",
            role.name
        ))
        .unwrap();
    let location = role.location(&f.location);
    let home = tempfile::tempdir().unwrap();
    let run = |envs: &[(&str, &str)], args: &[&str]| {
        let mut command = claimtrack();
        command
            .env("CLAIMTRACK_DB", &location)
            .env("HOME", home.path())
            .env_remove("PGPASSWORD")
            .env_remove("PGPASSFILE");
        for (key, value) in envs {
            command.env(key, value);
        }
        command.args(args).output().unwrap()
    };
    // PGPASSWORD.
    let output = run(&[("PGPASSWORD", &role.password)], &["list", "--format", "json"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    // ~/.pgpass, private; one that others can read is not used.
    let pgpass = home.path().join(".pgpass");
    std::fs::write(&pgpass, format!("*:*:*:{}:{}\n", role.name, role.password)).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&pgpass, std::fs::Permissions::from_mode(0o600)).unwrap();
    let output = run(&[], &["list", "--format", "json"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    // A wrong password: one line, which names neither password.
    let output = run(&[("PGPASSWORD", "wrong-secret")], &["list"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("password authentication failed") && stderr.contains("PGPASSWORD"), "{stderr}");
    assert!(!stderr.contains("wrong-secret") && !stderr.contains(&role.password), "{stderr}");
    // A password in the URL is masked in every message.
    let in_url = location.replacen(&role.name, &format!("{}:{}", role.name, role.password), 1);
    let missing = in_url.replacen(&schema, "no_such_story", 1);
    let output = claimtrack().args(["--db", &missing, "list"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("no claims database at postgres://") && stderr.contains(":***@"), "{stderr}");
    assert!(!stderr.contains(&role.password), "{stderr}");
    let help = claimtrack().args(["--db", &in_url, "--help"]).output().unwrap();
    assert!(!String::from_utf8_lossy(&help.stdout).contains(&role.password));
}

#[test]
fn postgres_the_history_names_the_role_and_a_reader_only_reads() {
    let url = postgres_only!();
    let f = Fixture::seeded();
    let schema = schema_of(&f);
    let (writer, reader) = (Role::new(&url), Role::new(&url));
    // The README's grants, for this story's schema.
    admin(&url)
        .batch_execute(&format!(
            "GRANT USAGE ON SCHEMA {schema} TO {w}, {r};
             GRANT SELECT ON ALL TABLES IN SCHEMA {schema} TO {r};
             GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {schema} TO {w};
             GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA {schema} TO {w};",
            w = writer.name,
            r = reader.name
        ))
        .unwrap();
    let as_role = |role: &Role, args: &[&str]| {
        claimtrack()
            .env("CLAIMTRACK_DB", role.location(&f.location))
            .env("PGPASSWORD", &role.password)
            .env("CLAIMTRACK_USER", "someone-else")
            .args(args)
            .output()
            .unwrap()
    };
    let output = as_role(&writer, &["add", "Said by the writer", "--by", "U.S. officials"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(stderr.contains(&format!("the history records your role, \"{}\"", writer.name)), "{stderr}");
    let history = f.json(&["history", "13", "--format", "json"]);
    assert_eq!(history[0]["user"], writer.name.as_str());

    for args in [
        &["list"][..],
        &["show", "1"],
        &["search", "attacks"],
        &["disputes"],
        &["export", "json"],
        &["history"],
        &["actor", "list"],
        &["source", "list"],
        &["lint"],
        &["verify"],
        &["check"],
    ] {
        let output = as_role(&reader, args);
        assert!(output.status.code() != Some(2), "{args:?}");
        assert!(
            !String::from_utf8_lossy(&output.stderr).contains("error: "),
            "{args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let before = f.snapshot();
    for args in [&["add", "x", "--by", "y"][..], &["rm", "1"], &["link", "1", "supports", "2"], &["source", "add", "k"]]
    {
        let output = as_role(&reader, args);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{args:?}: {stderr}");
        let errors: Vec<&str> = stderr.lines().filter(|l| !l.starts_with("warning: ")).collect();
        assert_eq!(errors.len(), 1, "{args:?}: {stderr}");
        assert!(errors[0].contains("your role may only read this database"), "{args:?}: {stderr}");
    }
    assert_eq!(before, f.snapshot());
}

#[test]
fn postgres_a_story_moves_between_a_file_and_the_server_losslessly() {
    postgres_only!();
    let file = Fixture::sqlite_seeded();
    file.ok(&["add", "Ein Zitat mit Umlauten: Ärger", "--by", "المقاومة", "--tag", "ünïcode", "--verdict", "false"]);
    file.ok(&["link", "13", "contradicts", "1", "--note", "added on the file"]);
    file.ok(&["rm", "7"]);
    file.ok(&["config", "set", "reviewer", "Équipe des faits"]);
    file.ok(&["config", "set", "url-base", "https://checks.example/talks"]);
    let document = file.ok(&["export", "json"]);
    let settings = file.ok(&["config", "list"]);

    let server = Fixture::new();
    server.ok(&["import", file.db.to_str().unwrap()]);
    assert_eq!(server.ok(&["export", "json"]), document, "file -> server keeps every field and id");
    assert_eq!(server.ok(&["config", "list"]), settings, "and the story's settings");

    let back = server.path("back.db");
    server.ok(&["backup", back.to_str().unwrap()]);
    assert_eq!(server.ok(&["--db", back.to_str().unwrap(), "export", "json"]), document, "server -> file too");
    assert_eq!(server.ok(&["--db", back.to_str().unwrap(), "config", "list"]), settings);
}

/// A certificate authority and a server certificate it signed for `localhost` only: the PEM
/// texts of the authority's certificate, the server's certificate and the server's key.
fn certificates() -> (String, String, String) {
    use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair};
    let ca_key = KeyPair::generate().unwrap();
    let mut ca = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca.distinguished_name.push(DnType::CommonName, "claimtrack test authority");
    let ca_cert = ca.self_signed(&ca_key).unwrap();
    let server_key = KeyPair::generate().unwrap();
    let server = CertificateParams::new(vec!["localhost".to_string()]).unwrap();
    let server_cert = server.signed_by(&server_key, &Issuer::new(ca, ca_key)).unwrap();
    (ca_cert.pem(), server_cert.pem(), server_key.serialize_pem())
}

/// The test server turns TLS on with a certificate made here, for the length of the test.
struct ServerTls {
    url: String,
}

impl ServerTls {
    fn on(url: &str, dir: &std::path::Path, cert: &str, key: &str) -> ServerTls {
        use std::os::unix::fs::PermissionsExt;
        let mut client = admin(url);
        // The server reads the files as its own user: the key must be theirs and private.
        let data: String = client.query_one("SHOW data_directory", &[]).unwrap().get(0);
        let owner = std::os::unix::fs::MetadataExt::uid(&std::fs::metadata(&data).unwrap());
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755)).unwrap();
        let (cert_file, key_file) = (dir.join("server.crt"), dir.join("server.key"));
        std::fs::write(&cert_file, cert).unwrap();
        std::fs::write(&key_file, key).unwrap();
        std::fs::set_permissions(&cert_file, std::fs::Permissions::from_mode(0o644)).unwrap();
        std::fs::set_permissions(&key_file, std::fs::Permissions::from_mode(0o600)).unwrap();
        std::os::unix::fs::chown(&key_file, Some(owner), None).unwrap();
        for statement in [
            format!("ALTER SYSTEM SET ssl_cert_file = '{}'", cert_file.display()),
            format!("ALTER SYSTEM SET ssl_key_file = '{}'", key_file.display()),
            "ALTER SYSTEM SET ssl = on".to_string(),
        ] {
            client.batch_execute(&statement).unwrap();
        }
        client.batch_execute("SELECT pg_reload_conf()").unwrap();
        // The server takes the new settings when it has read them: wait for a new session to see them.
        let mut tries = 0;
        while admin(url).query_one("SHOW ssl", &[]).unwrap().get::<_, String>(0) != "on" {
            tries += 1;
            assert!(tries < 1000, "the server did not turn TLS on; see its log");
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        ServerTls { url: url.to_string() }
    }
}

impl Drop for ServerTls {
    fn drop(&mut self) {
        let mut client = admin(&self.url);
        for setting in ["ssl", "ssl_cert_file", "ssl_key_file"] {
            let _ = client.batch_execute(&format!("ALTER SYSTEM RESET {setting}"));
        }
        let _ = client.batch_execute("SELECT pg_reload_conf()");
    }
}

#[test]
fn postgres_tls_require_and_verify_full_with_a_certificate_made_here() {
    let url = postgres_only!();
    let f = Fixture::seeded();
    let dir = tempfile::tempdir().unwrap();
    let (ca, cert, key) = certificates();
    let (other_ca, _, _) = certificates();
    let _tls = ServerTls::on(&url, dir.path(), &cert, &key);
    let (ca_file, other_file) = (dir.path().join("ca.crt"), dir.path().join("other.crt"));
    std::fs::write(&ca_file, ca).unwrap();
    std::fs::write(&other_file, other_ca).unwrap();
    let localhost = f.location.replacen("@127.0.0.1:", "@localhost:", 1);
    let with = |location: &str, params: &str| format!("{location}&{params}");
    let list = |location: String| claimtrack().args(["--db", &location, "list", "--format", "json"]).output().unwrap();

    for (location, works, says) in [
        (with(&f.location, "sslmode=require"), true, ""),
        (with(&localhost, &format!("sslmode=verify-full&sslrootcert={}", ca_file.display())), true, ""),
        // The certificate names localhost, not 127.0.0.1: verify-ca accepts it, verify-full does not.
        (with(&f.location, &format!("sslmode=verify-ca&sslrootcert={}", ca_file.display())), true, ""),
        (
            with(&f.location, &format!("sslmode=verify-full&sslrootcert={}", ca_file.display())),
            false,
            "not issued for this host name",
        ),
        (
            with(&localhost, &format!("sslmode=verify-full&sslrootcert={}", other_file.display())),
            false,
            "not signed by an authority in sslrootcert",
        ),
        (with(&localhost, "sslmode=verify-full&sslrootcert=/no/such/ca.crt"), false, "give it with sslrootcert=FILE"),
    ] {
        let output = list(location.clone());
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.success(), works, "{location}: {stderr}");
        if works {
            assert_eq!(
                serde_json::from_slice::<serde_json::Value>(&output.stdout).unwrap().as_array().unwrap().len(),
                12
            );
        } else {
            assert_eq!(stderr.lines().count(), 1, "{stderr}");
            assert!(stderr.contains(says), "{location}: {stderr}");
            assert!(!stderr.contains(url.split_once(':').unwrap().1.split_once('@').unwrap().0), "{stderr}");
        }
    }
}

/// On SQLite alone, one line says what was left out and how to run it.
#[test]
fn postgres_half_of_the_suite() {
    if !crate::common::on_postgres() {
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "\nnote: the PostgreSQL half of the suite was skipped: `bash .ci/run` runs it, or set \
             CLAIMTRACK_TEST_POSTGRES to a server's URL (`eval \"$(scripts/test-postgres.sh start)\"` starts one)"
        );
    }
}

/// No server needed: nothing listens on port 1.
#[test]
fn postgres_no_server_there_is_one_line_without_the_password() {
    let output = claimtrack()
        .args(["--db", "postgres://ana:s3cret@127.0.0.1:1/newsroom?schema=talks", "list"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("no server answers there: is PostgreSQL running"), "{stderr}");
    assert!(!stderr.contains("s3cret"), "{stderr}");
}

#[test]
fn postgres_a_version_5_story_is_upgraded_and_its_names_and_tags_searched() {
    let url = postgres_only!();
    let f = Fixture::new();
    let schema = schema_of(&f);
    let mut client = admin(&url);
    client
        .batch_execute(&format!(
            "CREATE SCHEMA {schema}; SET search_path TO {schema};
             {}
             INSERT INTO claimtrack_schema (version) VALUES (5);
             INSERT INTO sources (uid, key, created_at) VALUES ('s1', 'ap-1', '2024-01-27T00:00:00Z');
             INSERT INTO actors (uid, name, name_key, fold_key, created_at)
                 VALUES ('a1', 'U.S. officials', 'u.s. officials', 'usofficials', '2024-01-27T00:00:00Z'),
                        ('a2', 'Islamic Resistance in Iraq', 'islamic resistance in iraq', 'islamicresistanceiniraq',
                         '2024-01-27T00:00:00Z');
             INSERT INTO actor_aliases (alias_key, alias, fold_key, actor_id) VALUES ('iri', 'IRI', 'iri', 2);
             INSERT INTO claims (uid, text, actor_id, source_id, mode, created_at, updated_at)
                 VALUES ('c1', 'The timing is unrelated', 1, 1, 'direct', '2024-01-27T00:00:00Z', '2024-01-27T00:00:00Z'),
                        ('c2', 'Attacks forced the decision', 2, 1, 'reported', '2024-01-27T00:00:00Z',
                         '2024-01-27T00:00:00Z');
             INSERT INTO tags (name) VALUES ('sovereignty');
             INSERT INTO claim_tags (claim_id, tag_id) VALUES (1, 1);",
            include_str!("../fixtures/schema-postgres-v5.sql")
        ))
        .unwrap();
    let found = |query: &str| f.json(&["search", query, "--format", "json"])[0]["id"].clone();
    assert_eq!(found("IRI"), 2, "an alias, searched once the story is upgraded");
    assert_eq!(found("sovereignty"), 1, "a tag");
    assert_eq!(found("attack"), 2, "the claims' own words still");
    assert!(f.ok_stderr(&["check"]).contains("no problems found"));
    let version: i32 =
        client.query_one(&format!("SELECT version FROM {schema}.claimtrack_schema"), &[]).unwrap().get(0);
    assert_eq!(i64::from(version), claimtrack::store::sqlite::SCHEMA_VERSION);
}
