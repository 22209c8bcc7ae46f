//! A logical dump of a database, shared by the core's and the CLI's tests:
//! every row of every table but the full-text indexes and the actors'
//! blocking keys (derived from the rest, brought up to date by whichever
//! write comes next), sorted. Equal dumps mean nothing saved changed.
// Each test file that includes this uses one of the two functions or both.
#![allow(dead_code)]

use std::path::Path;

pub fn dump(conn: &rusqlite::Connection) -> Vec<String> {
    let tables: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_schema
             WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%fts%'
               AND name NOT LIKE 'actor_block_%' ORDER BY name",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let mut out = Vec::new();
    for t in tables {
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{t}\"")).unwrap();
        let n = stmt.column_count();
        let rows = stmt
            .query_map([], |r| Ok((0..n).map(|i| format!("{:?}", r.get_ref(i).unwrap())).collect::<Vec<_>>().join("|")))
            .unwrap();
        out.extend(rows.map(|r| format!("{t}: {}", r.unwrap())));
    }
    out.sort();
    out
}

/// [`dump`] of the database file at `path`, opened read-only.
pub fn dump_file(path: &Path) -> Vec<String> {
    dump(&rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap())
}
