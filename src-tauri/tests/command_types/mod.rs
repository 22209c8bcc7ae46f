//! The argument and answer types of every IPC command, read from the
//! signatures of the `#[tauri::command]` functions in `src/commands.rs` and
//! written as TypeScript (`CommandArgs`, `CommandResult`), so `call()` in
//! `ui/src/lib/ipc/commands.ts` checks each command's arguments and answer.

use std::collections::BTreeMap;

use syn::{FnArg, GenericArgument, Item, Pat, PathArguments, ReturnType, Type};

/// Parameters the shell fills in itself; the UI never passes them.
const INJECTED: &[&str] = &["State", "AppHandle", "Window", "Webview", "WebviewWindow"];

/// One command: its name, its arguments (as `invoke` names them) and its answer.
pub struct Signature {
    pub name: String,
    pub args: Vec<(String, String, bool)>,
    pub answer: String,
}

/// Every `#[tauri::command]` function of `source`, in order. `known` are the
/// type names the bindings declare; any other named type is an error.
pub fn signatures(source: &str, known: &[String]) -> Result<Vec<Signature>, String> {
    let file = syn::parse_file(source).map_err(|e| format!("commands.rs does not parse: {e}"))?;
    let mut out = Vec::new();
    for item in file.items {
        let Item::Fn(f) = item else { continue };
        let is_command = f.attrs.iter().any(|a| {
            let segments: Vec<String> = a.path().segments.iter().map(|s| s.ident.to_string()).collect();
            segments == ["tauri", "command"]
        });
        if !is_command {
            continue;
        }
        let name = f.sig.ident.to_string();
        let mut args = Vec::new();
        for input in &f.sig.inputs {
            let FnArg::Typed(typed) = input else { return Err(format!("{name}: a command takes no self")) };
            if INJECTED.contains(&last_ident(&typed.ty).as_deref().unwrap_or("")) {
                continue;
            }
            let Pat::Ident(ident) = &*typed.pat else {
                return Err(format!("{name}: an argument without a plain name"));
            };
            let optional = last_ident(&typed.ty).as_deref() == Some("Option");
            let ts = ts_of(&typed.ty, known).map_err(|e| format!("{name}({}): {e}", ident.ident))?;
            args.push((camel(&ident.ident.to_string()), ts, optional));
        }
        let answer = match &f.sig.output {
            ReturnType::Type(_, ty) if last_ident(ty).as_deref() == Some("Reply") => {
                ts_of(first_generic(ty).ok_or(format!("{name}: Reply without its type"))?, known)
                    .map_err(|e| format!("{name} answers {e}"))?
            }
            _ => return Err(format!("{name}: a command answers Reply<T>")),
        };
        out.push(Signature { name, args, answer });
    }
    Ok(out)
}

/// The TypeScript declarations of `CommandArgs` and `CommandResult`.
pub fn typescript(signatures: &[Signature]) -> String {
    let mut args = BTreeMap::new();
    let mut answers = BTreeMap::new();
    for s in signatures {
        let fields: Vec<String> = s
            .args
            .iter()
            .map(|(key, ts, optional)| format!("{key}{}: {ts}", if *optional { "?" } else { "" }))
            .collect();
        let body = if fields.is_empty() {
            "Record<string, never>".to_string()
        } else {
            format!("{{ {} }}", fields.join("; "))
        };
        args.insert(s.name.clone(), body);
        answers.insert(s.name.clone(), s.answer.clone());
    }
    let mut out = String::from(
        "/** Each command's arguments, under the names `invoke` takes (camelCase), read from its Rust signature. */\n\
         export type CommandArgs = {\n",
    );
    for (name, body) in &args {
        out.push_str(&format!("  {name}: {body};\n"));
    }
    out.push_str("};\n\n/** What each command answers. */\nexport type CommandResult = {\n");
    for (name, answer) in &answers {
        out.push_str(&format!("  {name}: {answer};\n"));
    }
    out.push_str("};\n");
    out
}

fn last_ident(ty: &Type) -> Option<String> {
    match ty {
        Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
        Type::Reference(r) => last_ident(&r.elem),
        _ => None,
    }
}

fn first_generic(ty: &Type) -> Option<&Type> {
    let Type::Path(p) = ty else { return None };
    let PathArguments::AngleBracketed(generics) = &p.path.segments.last()?.arguments else { return None };
    generics.args.iter().find_map(|a| match a {
        GenericArgument::Type(t) => Some(t),
        _ => None,
    })
}

/// The TypeScript type serde's JSON form of `ty` has.
fn ts_of(ty: &Type, known: &[String]) -> Result<String, String> {
    if let Type::Tuple(t) = ty {
        return if t.elems.is_empty() { Ok("null".into()) } else { Err("a tuple".into()) };
    }
    if let Type::Reference(r) = ty {
        return ts_of(&r.elem, known);
    }
    let ident = last_ident(ty).ok_or_else(|| "a type that is not a plain path".to_string())?;
    Ok(match ident.as_str() {
        "String" | "str" | "PathBuf" => "string".into(),
        "bool" => "boolean".into(),
        "u8" | "u16" | "u32" | "u64" | "usize" | "i8" | "i16" | "i32" | "i64" | "isize" | "f32" | "f64" => {
            "number".into()
        }
        "Option" => format!("{} | null", ts_of(first_generic(ty).ok_or("Option without its type")?, known)?),
        "Vec" => format!("Array<{}>", ts_of(first_generic(ty).ok_or("Vec without its type")?, known)?),
        named if known.iter().any(|k| k == named) => named.to_string(),
        other => return Err(format!("`{other}`, which the bindings do not declare")),
    })
}

/// `file_name` → `fileName`, as Tauri names a command's arguments.
fn camel(snake: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// The names a bindings file declares (`export type NAME`).
pub fn declared(bindings: &str) -> Vec<String> {
    bindings
        .lines()
        .filter_map(|l| l.strip_prefix("export type "))
        .filter_map(|rest| rest.split(|c: char| !c.is_alphanumeric() && c != '_').next())
        .map(str::to_string)
        .collect()
}
