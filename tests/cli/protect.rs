//! Protecting sources: files private to their owner whatever the umask, `check`'s warning, public
//! names for anonymous sources, and outputs for publication that never carry their identity.

#[cfg(unix)]
mod files {
    use std::io::Read;
    use std::os::unix::fs::PermissionsExt;
    use std::path::{Path, PathBuf};
    use std::process::{Command, Stdio};
    use std::time::{Duration, Instant};

    use crate::common::Fixture;

    fn mode(path: &Path) -> u32 {
        std::fs::metadata(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())).permissions().mode() & 0o777
    }

    fn beside(db: &Path, suffix: &str) -> PathBuf {
        let mut name = db.as_os_str().to_owned();
        name.push(suffix);
        PathBuf::from(name)
    }

    /// claimtrack run with a umask that lets everyone read and write what it creates.
    fn permissive(f: &Fixture, args: &[&str]) -> Command {
        let mut cmd = Command::new("sh");
        cmd.arg("-c")
            .arg("umask 000 && exec \"$@\"")
            .arg("sh")
            .arg(assert_cmd::cargo::cargo_bin("claimtrack"))
            .args(args)
            .current_dir(f.dir.path())
            .env("CLAIMTRACK_DB", &f.db)
            .env_remove("CLAIMTRACK_USER");
        cmd
    }

    fn run(f: &Fixture, args: &[&str]) {
        let output = permissive(f, args).output().unwrap();
        assert!(output.status.success(), "{args:?}: {}", String::from_utf8_lossy(&output.stderr));
    }

    #[test]
    fn everything_claimtrack_creates_is_its_owners_alone_whatever_the_umask() {
        let f = Fixture::new();
        run(&f, &["add", "The talks were planned in advance", "--by", "A confidential source", "--mode", "anonymous"]);
        assert_eq!(mode(&f.db), 0o600, "the database");

        // The -wal and -shm files exist while a connection is open: hold one open by giving an
        // export more than a pipe holds, and reading none of it until the files are looked at.
        let long = f.path("long.csv");
        std::fs::write(&long, format!("text,actor\n{},A\n", "long ".repeat(400_000))).unwrap();
        run(&f, &["import", long.to_str().unwrap()]);
        let mut export = permissive(&f, &["export", "json"]).stdout(Stdio::piped()).spawn().unwrap();
        let (wal, shm) = (beside(&f.db, "-wal"), beside(&f.db, "-shm"));
        let deadline = Instant::now() + Duration::from_secs(60);
        while !(wal.exists() && shm.exists()) && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
        }
        let (wal_mode, shm_mode) = (mode(&wal), mode(&shm));
        let mut document = Vec::new();
        export.stdout.take().unwrap().read_to_end(&mut document).unwrap();
        assert!(export.wait().unwrap().success());
        assert_eq!((wal_mode, shm_mode), (0o600, 0o600), "the -wal and -shm files");

        run(&f, &["config", "set", "url-base", "https://checks.example/talks"]);
        for what in ["csv", "json", "jsonl", "markdown", "xlsx", "claimreview", "dot"] {
            let target = f.path(&format!("out.{what}"));
            run(&f, &["export", what, "-o", target.to_str().unwrap()]);
            assert_eq!(mode(&target), 0o600, "export {what}");
        }
        let page = f.path("story.html");
        run(&f, &["report", "-o", page.to_str().unwrap()]);
        assert_eq!(mode(&page), 0o600, "the report");
        let backup = f.path("copy.db");
        run(&f, &["backup", backup.to_str().unwrap()]);
        assert_eq!(mode(&backup), 0o600, "the backup");
        let demo = f.path("demo.db");
        run(&f, &["--db", demo.to_str().unwrap(), "demo"]);
        assert_eq!(mode(&demo), 0o600, "the demo's database");
        let leftovers = std::fs::read_dir(f.dir.path())
            .unwrap()
            .filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().starts_with(".claimtrack-"))
            .count();
        assert_eq!(leftovers, 0, "no temporary file is left");
    }

    #[test]
    fn replacing_a_file_keeps_its_mode() {
        let f = Fixture::seeded();
        let target = f.path("shared.csv");
        std::fs::write(&target, "old").unwrap();
        std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o640)).unwrap();
        run(&f, &["export", "csv", "-o", target.to_str().unwrap()]);
        assert_eq!(mode(&target), 0o640, "shared with the group on purpose, and still");
        assert!(std::fs::read_to_string(&target).unwrap().starts_with("id,uid,text"));
        // An existing empty database file made by someone else keeps its mode too.
        let touched = f.path("touched.db");
        std::fs::write(&touched, "").unwrap();
        std::fs::set_permissions(&touched, std::fs::Permissions::from_mode(0o660)).unwrap();
        run(&f, &["--db", touched.to_str().unwrap(), "init"]);
        assert_eq!(mode(&touched), 0o660);
    }

    #[test]
    fn check_warns_when_others_can_read_anonymous_claims() {
        let f = Fixture::new();
        f.ok(&["add", "Plain", "--by", "U.S. officials"]);
        std::fs::set_permissions(&f.db, std::fs::Permissions::from_mode(0o644)).unwrap();
        let stderr = f.ok_stderr(&["check"]);
        assert!(!stderr.contains("warning"), "no anonymous claim, nothing to warn about: {stderr}");

        f.ok(&["add", "Secret", "--by", "A confidential source", "--mode", "anonymous"]);
        let db = f.db.to_str().unwrap();
        let stderr = f.ok_stderr(&["check"]);
        assert!(
            stderr.contains(&format!(
                "warning: {db} holds anonymous claims and other accounts on this machine can read it (mode 0644); `chmod 600 {db}` makes it yours alone"
            )),
            "{stderr}"
        );
        assert!(stderr.contains("no problems found"), "a warning, not a failed check: {stderr}");

        std::fs::set_permissions(&f.db, std::fs::Permissions::from_mode(0o600)).unwrap();
        assert!(!f.ok_stderr(&["check"]).contains("warning"));
    }
}
