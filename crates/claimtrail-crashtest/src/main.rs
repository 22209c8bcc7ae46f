//! `claimtrail-crashtest`: nothing committed is ever lost.
//!
//! The harness starts a writer process that logs claims with relay chains,
//! verdicts and extra relays as fast as it can, printing each id once its
//! transaction has committed. It kills the writer with SIGKILL at a random
//! moment, reopens the database and checks that every reported write is
//! there, that no transaction is half-applied, that SQLite's integrity and
//! foreign-key checks are clean and that the history chain verifies. Then it
//! starts the next writer on the same file.
//!
//! ```text
//! claimtrail-crashtest --cycles 1000
//! ```

use std::collections::HashSet;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use anyhow::{bail, ensure, Context};
use claimtrail_core::{ActorKind, ActorSpec, LogRequest, Relation, RelayStep, Status, StatusRequest, Store};
use clap::{Parser, Subcommand};
use rand::{Rng, SeedableRng};

#[derive(Parser)]
struct Args {
    #[command(subcommand)]
    mode: Option<Mode>,
    /// How many kill-and-check cycles to run.
    #[arg(long, default_value_t = 20)]
    cycles: u32,
    /// Longest a writer runs before it is killed, in milliseconds.
    #[arg(long, default_value_t = 400)]
    max_run_ms: u64,
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

#[derive(Subcommand)]
enum Mode {
    /// The process that gets killed: writes until it dies.
    Writer { db: PathBuf, prefix: String },
}

/// Appearances in every chain the writer logs: speaker, wire, paper.
const CHAIN: i64 = 3;

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    match args.mode {
        Some(Mode::Writer { db, prefix }) => writer(&db, &prefix),
        None => harness(&args),
    }
}

fn writer(db: &Path, prefix: &str) -> anyhow::Result<()> {
    let mut store = Store::open(db)?;
    let out = std::io::stdout();
    for i in 0u64.. {
        let now = chrono::Utc::now();
        let mut req = LogRequest::new(
            &format!("{prefix} claim {i}"),
            ActorSpec::named(&format!("Speaker {}", i % 7), ActorKind::Person),
        );
        req.quote = Some(format!("words number {i}"));
        for outlet in ["Wire", "Paper"] {
            req.relays.push(RelayStep::cites(ActorSpec::named(outlet, ActorKind::Outlet)));
        }
        let logged = store.log(&req, now)?;
        writeln!(out.lock(), "claim {}", logged.claim_id)?;
        let status = StatusRequest {
            status: Status::Contested,
            reason: format!("reason {i}"),
            evidence: vec![],
            author: "writer".into(),
        };
        let event = store.set_status(&logged.claim_id, &status, now)?;
        writeln!(out.lock(), "verdict {}", event.id)?;
        // The paper also cites the speaker directly: a relay within the claim's own chain.
        let (first, last) = (&logged.appearance_ids[0], logged.appearance_ids.last().expect("a chain"));
        store.add_relay(last, first, Relation::Cites, Some("see also"), "crashtest", now)?;
        writeln!(out.lock(), "relay {last} {first}")?;
        out.lock().flush()?;
    }
    Ok(())
}

fn harness(args: &Args) -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("crash.sqlite3");
    let exe = std::env::current_exe()?;
    let mut rng = rand::rngs::StdRng::seed_from_u64(args.seed);
    let mut claims: Vec<String> = Vec::new();
    let mut verdicts: Vec<String> = Vec::new();
    let mut relays: Vec<(String, String)> = Vec::new();
    let started = Instant::now();
    for cycle in 0..args.cycles {
        let mut child = Command::new(&exe)
            .args(["writer", db.to_str().context("path")?, &format!("cycle {cycle}")])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()?;
        let stdout = child.stdout.take().context("stdout")?;
        let (tx, rx) = mpsc::channel::<String>();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        std::thread::sleep(Duration::from_millis(rng.random_range(5..=args.max_run_ms)));
        // A writer that stopped before the kill (an error, a refused write)
        // would leave the cycles testing nothing: that is a failure.
        if let Some(status) = child.try_wait()? {
            let mut err = String::new();
            std::io::Read::read_to_string(&mut child.stderr.take().context("stderr")?, &mut err)?;
            bail!("the writer exited by itself ({status}): {err}");
        }
        child.kill()?; // SIGKILL on Unix
        child.wait()?;
        reader.join().ok();
        // Only complete lines were reported as committed; a torn last line is not.
        for line in rx.try_iter() {
            let parts: Vec<&str> = line.split(' ').collect();
            match parts.as_slice() {
                ["claim", id] => claims.push(id.to_string()),
                ["verdict", id] => verdicts.push(id.to_string()),
                ["relay", from, to] => relays.push((from.to_string(), to.to_string())),
                _ => {}
            }
        }
        check(&db, &claims, &verdicts, &relays).with_context(|| format!("after cycle {cycle}"))?;
    }
    println!(
        "crashtest: {} cycles in {:.1} s; {} claims, {} verdicts and {} relays reported committed, all present; integrity, foreign keys and history chain clean",
        args.cycles,
        started.elapsed().as_secs_f64(),
        claims.len(),
        verdicts.len(),
        relays.len()
    );
    println!("{} passed, 0 failed", args.cycles);
    Ok(())
}

fn check(db: &Path, claims: &[String], verdicts: &[String], relays: &[(String, String)]) -> anyhow::Result<()> {
    let store = Store::open(db)?;
    let conn = store.connection();
    let integrity: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    ensure!(integrity == "ok", "integrity_check: {integrity}");
    let fk: i64 = conn.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0))?;
    ensure!(fk == 0, "{fk} foreign key violations");
    let history = store.verify_history()?;
    ensure!(history.first_broken.is_none(), "history chain broken: {:?}", history.first_broken);
    let present =
        |sql: &str, id: &str| -> anyhow::Result<bool> { Ok(conn.query_row(sql, [id], |r| r.get::<_, bool>(0))?) };
    for id in claims {
        ensure!(
            present("SELECT EXISTS (SELECT 1 FROM claim WHERE id = ?1)", id)?,
            "claim {id} was reported committed but is missing"
        );
    }
    for id in verdicts {
        ensure!(
            present("SELECT EXISTS (SELECT 1 FROM verdict WHERE id = ?1)", id)?,
            "verdict {id} was reported committed but is missing"
        );
    }
    let mut relay_check = conn.prepare(
        "SELECT EXISTS (SELECT 1 FROM relay r JOIN appearance a ON a.seq = r.appearance_seq JOIN appearance u ON u.seq = r.upstream_seq
                        WHERE a.id = ?1 AND u.id = ?2)",
    )?;
    for (from, to) in relays {
        ensure!(
            relay_check.query_row([from, to], |r| r.get::<_, bool>(0))?,
            "relay {from} -> {to} was reported committed but is missing"
        );
    }
    // No half-applied log: every claim has its whole chain and its relay edges.
    let torn: i64 = conn.query_row(
        "SELECT count(*) FROM claim c WHERE (SELECT count(*) FROM appearance a WHERE a.claim_seq = c.seq) <> ?1
            OR (SELECT count(*) FROM relay r JOIN appearance a ON a.seq = r.appearance_seq WHERE a.claim_seq = c.seq AND r.cue IS NULL) <> ?1 - 1",
        [CHAIN],
        |r| r.get(0),
    )?;
    ensure!(torn == 0, "{torn} claims have a half-written chain");
    let unique: HashSet<&String> = claims.iter().collect();
    ensure!(unique.len() == claims.len(), "a claim id was reported twice");
    Ok(())
}
