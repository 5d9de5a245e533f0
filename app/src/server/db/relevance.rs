//! `partner_relevance(partner_search, weight, …)`: the directory's ranking function on SQLite,
//! an FTS5 auxiliary function registered on every SQLite connection the process opens.
//!
//! A match's relevance is the sum, over the query's phrases, of the weights of the columns
//! the phrase occurs in (one weight argument per column, in column order; missing ones count
//! 0). So a keyword in the name outweighs one in the services, and a keyword found in two
//! fields counts twice.
//!
//! Why not FTS5's own `bm25`: before ranking, bm25 walks the whole index entry of every
//! phrase to weigh it by rarity, the country and size filter tokens included, and then reads
//! each match's length. Every phrase of a directory query must match anyway, so rarity
//! orders nothing between matches; which fields hold the keywords is what does. This function
//! reads only which columns of the current row hold each phrase (all a `detail = column`
//! index keeps). At a million partners, ranking the 30,000 matches of the benchmark search
//! cost bm25 about 55 ms on top of finding them, and this function about 3 ms.

use libsqlite3_sys as ffi;
use std::ffi::{c_char, c_int, c_void};
use std::ptr;
use std::sync::Once;

/// The name queries call the function by.
pub const FUNCTION: &str = "partner_relevance";
const FUNCTION_C: &std::ffi::CStr = c"partner_relevance";
/// Weights past this many columns are ignored (the search table has five).
const MAX_COLUMNS: usize = 8;

/// Makes SQLite register the function on each connection it opens from now on, in this
/// process. Call it before opening a SQLite pool; calling it again does nothing.
pub fn register_on_every_sqlite_connection() {
    static REGISTER: Once = Once::new();
    REGISTER.call_once(|| {
        // SAFETY: `register_on` has the signature SQLite expects of an automatic extension
        // and stays valid for the life of the process.
        let rc = unsafe { ffi::sqlite3_auto_extension(Some(register_on)) };
        if rc != ffi::SQLITE_OK {
            tracing::error!(rc, "could not register the directory's ranking function");
        }
    });
}

/// Called by SQLite for every new connection.
unsafe extern "C" fn register_on(
    db: *mut ffi::sqlite3,
    _error: *mut *mut c_char,
    _routines: *const ffi::sqlite3_api_routines,
) -> c_int {
    // SAFETY: `db` is the connection SQLite is opening, valid for this call.
    let api = unsafe { fts5_api(db) };
    if api.is_null() {
        // No FTS5 in this SQLite: the search's own query then fails with a clear error.
        return ffi::SQLITE_OK;
    }
    // SAFETY: `api` came from FTS5 for this connection; the name is a static C string.
    unsafe {
        match (*api).xCreateFunction {
            Some(create) => create(
                api,
                FUNCTION_C.as_ptr(),
                ptr::null_mut(),
                Some(relevance),
                None,
            ),
            None => ffi::SQLITE_OK,
        }
    }
}

/// FTS5's API handle for a connection: `select fts5(?1)` with a pointer bound to receive it,
/// as the FTS5 documentation describes.
unsafe fn fts5_api(db: *mut ffi::sqlite3) -> *mut ffi::fts5_api {
    let mut api: *mut ffi::fts5_api = ptr::null_mut();
    let mut statement: *mut ffi::sqlite3_stmt = ptr::null_mut();
    // SAFETY: `db` is open; the statement is finalized below whatever happens.
    unsafe {
        if ffi::sqlite3_prepare_v2(
            db,
            c"select fts5(?1)".as_ptr(),
            -1,
            &mut statement,
            ptr::null_mut(),
        ) != ffi::SQLITE_OK
        {
            return ptr::null_mut();
        }
        ffi::sqlite3_bind_pointer(
            statement,
            1,
            (&mut api as *mut *mut ffi::fts5_api).cast::<c_void>(),
            c"fts5_api_ptr".as_ptr(),
            None,
        );
        ffi::sqlite3_step(statement);
        ffi::sqlite3_finalize(statement);
    }
    api
}

/// The auxiliary function itself; see the module documentation.
unsafe extern "C" fn relevance(
    api: *const ffi::Fts5ExtensionApi,
    fts: *mut ffi::Fts5Context,
    context: *mut ffi::sqlite3_context,
    argument_count: c_int,
    arguments: *mut *mut ffi::sqlite3_value,
) {
    // SAFETY: FTS5 hands over a valid API table, cursor context and `argument_count`
    // argument values for the duration of this call.
    unsafe {
        let api = &*api;
        let (Some(phrase_count), Some(first_column), Some(next_column)) = (
            api.xPhraseCount,
            api.xPhraseFirstColumn,
            api.xPhraseNextColumn,
        ) else {
            ffi::sqlite3_result_error_code(context, ffi::SQLITE_MISUSE);
            return;
        };
        let mut weights = [0.0_f64; MAX_COLUMNS];
        for (index, weight) in weights
            .iter_mut()
            .enumerate()
            .take(usize::try_from(argument_count).unwrap_or(0))
        {
            *weight = ffi::sqlite3_value_double(*arguments.add(index));
        }
        let mut score = 0.0;
        for phrase in 0..phrase_count(fts) {
            let mut iterator = ffi::Fts5PhraseIter {
                a: ptr::null(),
                b: ptr::null(),
            };
            let mut column: c_int = -1;
            let rc = first_column(fts, phrase, &mut iterator, &mut column);
            if rc != ffi::SQLITE_OK {
                ffi::sqlite3_result_error_code(context, rc);
                return;
            }
            while column >= 0 {
                score += usize::try_from(column)
                    .ok()
                    .and_then(|column| weights.get(column))
                    .copied()
                    .unwrap_or(0.0);
                next_column(fts, &mut iterator, &mut column);
            }
        }
        ffi::sqlite3_result_double(context, score);
    }
}
