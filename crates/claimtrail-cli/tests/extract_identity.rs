//! Accepting extracted proposals never loses what the proposal showed and
//! never creates a near-duplicate of a known actor by accident: the dispute
//! is logged with the claim, each proposed name carries its resolution, a
//! name with candidates is refused unless `--new-actor`, and a governor named
//! once by his role and once by name is one actor. Real binary, real file.

#[path = "support/cli.rs"]
mod cli;

#[path = "../../claimtrail-core/tests/support/dump.rs"]
mod dump;

use std::path::PathBuf;
use std::process::Output;

use serde_json::Value;

/// Written for these tests in the style of a wire story republished by an
/// outlet: a governor described by his role, then named, relayed by a
/// broadcaster through a wire, with a dispute.
const RIVER: &str = "Kenya Star\n\
05 Aug 2025, 02:10 GMT+10\n\
Doha [Qatar], August 5 (ANI): The Russian-installed governor of Ukraine's southern Zaporizhzhia region said on Monday that the dam on the river had been fully repaired, Al Jazeera reported, although not everyone agreed.\n\
\"The dam is repaired and the water is back,\" Yevgeny Balitsky told state television.\n\
Balitsky added that the power station would restart within a month. (ANI)\n";

struct Db {
    dir: tempfile::TempDir,
    article: PathBuf,
}

impl Db {
    fn new() -> Db {
        let dir = tempfile::tempdir().unwrap();
        let article = dir.path().join("river.txt");
        std::fs::write(&article, RIVER).unwrap();
        Db { dir, article }
    }

    fn path(&self) -> PathBuf {
        self.dir.path().join("desk.sqlite3")
    }

    fn run(&self, args: &[&str]) -> Output {
        cli::run(self.path(), args)
    }

    fn json(&self, args: &[&str]) -> Value {
        cli::json(self.run(args), args)
    }

    fn extract(&self, more: &[&str]) -> Vec<String> {
        let mut args = vec!["extract", self.article.to_str().unwrap(), "--outlet", "Kenya Star"];
        args.extend_from_slice(more);
        args.into_iter().map(str::to_owned).collect()
    }

    /// The governor of the article, already logged with his role.
    fn known_governor(&self) {
        let role = "Russian-installed governor of Zaporizhzhia";
        self.json(&["log", "--claim", "The dam held", "--by", "Yevgeny Balitsky", "--role", role, "--json"]);
    }

    fn actors(&self) -> Vec<String> {
        let list = self.json(&["actors", "--json"]);
        list.as_array().unwrap().iter().map(|a| a["name"].as_str().unwrap().to_owned()).collect()
    }
}

fn strs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

#[test]
fn extract_log_keeps_the_dispute_the_proposal_showed() {
    let db = Db::new();
    let proposals = db.json(&strs(&db.extract(&["--json"])));
    assert_eq!(proposals["claims"][0]["dispute_text"], "although not everyone agreed");
    let report = db.json(&strs(&db.extract(&["--log", "--claims", "0", "--json"])));
    let id = report["logged"][0]["claim_id"].as_str().unwrap();
    let shown = db.json(&["show", id, "--json"]);
    assert_eq!(shown["disputed"], true, "{shown}");
    let disputes: Vec<&Value> =
        shown["appearances"].as_array().unwrap().iter().filter(|a| a["stance"] == "disputes").collect();
    assert!(disputes.iter().any(|a| a["quote"] == "although not everyone agreed"), "{shown}");
    let trace = db.json(&["trace", id, "--json"]);
    assert_eq!(trace["disputes"].as_array().unwrap().len(), 1, "{trace}");
    // The dispute does not make the claim's carriers count twice.
    assert_eq!(trace["outlets"].as_array().unwrap().len(), 3, "{trace}");
}

#[test]
fn extract_logs_a_governor_named_by_role_and_by_name_once() {
    let db = Db::new();
    let report = db.json(&strs(&db.extract(&["--log", "--json"])));
    let first = &report["logged"][0]["names"][0];
    assert_eq!((first["name"].as_str(), first["resolution"].as_str()), (Some("Yevgeny Balitsky"), Some("new")));
    let actors = db.actors();
    assert_eq!(actors.iter().filter(|a| a.as_str() == "Yevgeny Balitsky").count(), 1, "{actors:?}");
    assert!(!actors.iter().any(|a| a.contains("governor")), "the description became an actor: {actors:?}");
    let balitsky = db.json(&["actors", "--json"]);
    let row = balitsky.as_array().unwrap().iter().find(|a| a["name"] == "Yevgeny Balitsky").unwrap();
    assert_eq!(row["role"], "Russian-installed governor of Ukraine's southern Zaporizhzhia region", "{row}");
}

#[test]
fn proposals_carry_how_each_name_resolves_in_the_database() {
    let db = Db::new();
    let logged =
        db.json(&["log", "--claim", "The dam held", "--by", "Yevgeny Balitsky", "--via", "Al Jazeera", "--json"]);
    assert_eq!(logged["new_claim"], true);
    db.json(&[
        "log",
        "--claim",
        "The dam held",
        "--by",
        "Someone",
        "--via",
        "Kenya Star Online",
        "--new-actor",
        "--json",
    ]);
    let proposals = db.json(&strs(&db.extract(&["--json"])));
    let names = proposals["claims"][0]["names"].as_array().unwrap();
    let of = |name: &str| names.iter().find(|n| n["name"] == name).unwrap_or_else(|| panic!("{name}: {names:?}"));
    assert_eq!(of("Yevgeny Balitsky")["resolution"], "exact");
    assert!(of("Yevgeny Balitsky")["id"].is_string());
    assert_eq!(of("Al Jazeera")["resolution"], "exact");
    assert_eq!(of("ANI")["resolution"], "new");
    assert_eq!(of("Kenya Star")["resolution"], "candidates", "{names:?}");
    assert_eq!(of("Kenya Star")["candidates"][0]["name"], "Kenya Star Online");
    let listing = String::from_utf8(db.run(&strs(&db.extract(&[]))).stdout).unwrap();
    assert!(listing.contains("Yevgeny Balitsky (exact)"), "{listing}");
    assert!(listing.contains("Kenya Star (may be “Kenya Star Online”"), "{listing}");
}

#[test]
fn extract_log_refuses_a_name_with_candidates_and_logs_nothing_until_new_actor() {
    let db = Db::new();
    db.json(&["log", "--claim", "The dam held", "--by", "Yevgeny Balitskiy", "--json"]);
    let before = dump::dump_file(&db.path());
    let out = db.run(&strs(&db.extract(&["--log", "--claims", "1"])));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
    assert!(stderr.contains("\"Yevgeny Balitsky\" may be \"Yevgeny Balitskiy\""), "{stderr}");
    assert!(out.stdout.is_empty());
    assert_eq!(dump::dump_file(&db.path()), before, "a refusal changed the database");

    db.json(&strs(&db.extract(&["--log", "--claims", "1", "--new-actor", "--json"])));
    let actors = db.actors();
    assert!(actors.contains(&"Yevgeny Balitsky".to_string()) && actors.contains(&"Yevgeny Balitskiy".to_string()));
}

#[test]
fn a_description_that_fits_a_known_governor_is_a_candidate_not_a_new_actor() {
    let db = Db::new();
    db.known_governor();
    // The description alone, with no name after it in the article.
    std::fs::write(
        &db.article,
        "Doha [Qatar], August 5 (ANI): The Russian-installed governor of Ukraine's southern Zaporizhzhia region \
         said on Monday that the dam had been fully repaired, Al Jazeera reported. (ANI)\n",
    )
    .unwrap();
    let out = db.run(&strs(&db.extract(&["--log"])));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("may be \"Yevgeny Balitsky\" (matches this actor's role"), "{stderr}");
}

#[test]
fn capture_offers_the_known_outlet_for_its_domain_instead_of_creating_one() {
    let db = Db::new();
    db.json(&["log", "--claim", "The dam held", "--by", "Someone", "--via", "Kenya Star", "--json"]);
    let article = db.article.to_str().unwrap();
    let url = "https://kenyastar.com/dam";
    let report = db.json(&["capture", url, "--text", article, "--create-outlet", "--json"]);
    assert_eq!(report["outlet_created"], false, "{report}");
    assert!(report["outlet"].is_null());
    assert_eq!(report["outlet_candidates"][0]["name"], "Kenya Star");
    assert_eq!(report["outlet_candidates"][0]["reason"], "domain");
    assert!(!db.actors().contains(&"kenyastar.com".to_string()), "{:?}", db.actors());
    let shown = String::from_utf8(db.run(&["capture", url, "--text", article, "--create-outlet"]).stdout).unwrap();
    assert!(shown.contains("“kenyastar.com” may be “Kenya Star” (this outlet's web domain"), "{shown}");

    // Picked: the domain becomes the known outlet's.
    assert!(db.run(&["actor", "alias", "Kenya Star", "kenyastar.com"]).status.success());
    let report = db.json(&["capture", url, "--text", article, "--create-outlet", "--json"]);
    assert_eq!(report["outlet"], "Kenya Star", "{report}");
    assert_eq!(db.actors().iter().filter(|a| a.contains("enya")).count(), 1, "{:?}", db.actors());
}

#[test]
fn capture_creates_the_look_alike_outlet_when_the_checker_says_it_is_another() {
    let db = Db::new();
    db.json(&["log", "--claim", "The dam held", "--by", "Someone", "--via", "Kenya Star", "--json"]);
    let article = db.article.to_str().unwrap();
    let report = db.json(&[
        "capture",
        "https://kenyastar.com/dam",
        "--text",
        article,
        "--create-outlet",
        "--new-actor",
        "--json",
    ]);
    assert_eq!(report["outlet"], "kenyastar.com", "{report}");
    assert_eq!(report["outlet_created"], true);
}

#[test]
fn a_description_of_a_known_person_the_article_names_is_that_person() {
    let db = Db::new();
    db.known_governor();
    // Named first, described later: the description is his, by the role rule
    // with the article's names as context.
    std::fs::write(
        &db.article,
        "Doha [Qatar], August 5 (ANI): \"The water is back,\" Yevgeny Balitsky told state television on Monday.\n\
         Later the Russian-installed governor of Ukraine's southern Zaporizhzhia region said that the power station \
         would restart within a month, Al Jazeera reported. (ANI)\n",
    )
    .unwrap();
    let proposals = db.json(&strs(&db.extract(&["--json"])));
    let names = proposals["claims"][1]["names"].as_array().unwrap();
    let described = names.iter().find(|n| n["name"].as_str().unwrap().contains("governor")).unwrap();
    assert_eq!(described["resolution"], "story", "{names:?}");
    assert_eq!(described["actor"], "Yevgeny Balitsky");
    db.json(&strs(&db.extract(&["--log", "--json"])));
    let actors = db.actors();
    assert!(!actors.iter().any(|a| a.contains("governor")), "{actors:?}");
    assert_eq!(actors.iter().filter(|a| a.contains("Balitsky")).count(), 1, "{actors:?}");
}
