// The names of the app's IPC commands. Shared by build.rs (which makes one
// permission per command) and the command layer (whose test checks that the
// capability grants exactly these), so the three cannot drift apart.

pub const COMMANDS: &[&str] = &[
    "list_claims",
    "show_claim",
    "log_claim",
    "set_status",
    "undo_log",
    "undo_status",
    "trace_claim",
    "list_cases",
    "case_map",
    "list_actors",
    "suggest_actors",
    "resolve_name",
    "actor_profile",
    "add_actor_alias",
    "merge_actors",
    "duplicate_actors",
    "mark_distinct",
    "load_demo",
    "database_info",
    "open_link",
    "capture_page",
    "take_capture_link",
    "read_clipboard",
    "take_clipboard_capture",
    "capture_shortcut",
    "save_export",
    "export_data",
    "propose_claims",
];
