//! A field of the CSV audit export, written as the export writes it (the value defused by
//! `defuse_spreadsheet_formula`, then the `csv` crate's writer, here its core): read back by a
//! CSV reader (after a header line) as one field of one record, it is the value itself, or
//! `'` + the value when the value would start a spreadsheet formula (= + - @ tab CR); and no
//! field starts with one of those outside quotes.
#![no_main]

use app::domain::defuse_spreadsheet_formula;
use csv_core::{ReadRecordResult, WriteResult};
use libfuzzer_sys::fuzz_target;
use std::cell::RefCell;

const FORMULA: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

fuzz_target!(|data: &[u8]| {
    let value = String::from_utf8_lossy(data);
    let field = written(&value);
    let expected = match value.starts_with(FORMULA) {
        true => format!("'{value}"),
        false => value.to_string(),
    };

    // What a spreadsheet sees first: the first character, or the first inside the quotes.
    let shown = field.strip_prefix('"').unwrap_or(&field);
    assert!(
        !shown.starts_with(FORMULA),
        "{value:?} written as {field:?}"
    );
    assert!(!expected.starts_with(FORMULA));

    // After a header line, as in the export (a reader drops a byte order mark that starts
    // a file, which is no concern of a field's).
    let document = format!("header\n{field}\n");
    let records = READER.with(|reader| records(&mut reader.borrow_mut(), document.as_bytes()));
    let fields: Vec<&[u8]> = match records.as_slice() {
        [header] if header == &[b"header".to_vec()] => vec![],
        [header, record] if header == &[b"header".to_vec()] => {
            record.iter().map(Vec::as_slice).collect()
        }
        _ => panic!("{value:?} written as {field:?}: read back as {records:?}"),
    };
    match fields.as_slice() {
        // An empty value is an empty line, which a reader skips: no record at all.
        [] => assert_eq!(expected, "", "{value:?} written as {field:?}"),
        [read] => assert_eq!(
            *read,
            expected.as_bytes(),
            "{value:?} written as {field:?}, read back as {:?}",
            String::from_utf8_lossy(read)
        ),
        _ => panic!("{value:?} written as {field:?}: {} fields", fields.len()),
    }
});

/// One field as the export's CSV writer writes it.
fn written(value: &str) -> String {
    let defused = defuse_spreadsheet_formula(value);
    let mut writer = csv_core::Writer::new();
    // At worst every byte a doubled quote, and the two quotes around.
    let mut output = vec![0; defused.len() * 2 + 4];
    let (result, read, mut wrote) = writer.field(defused.as_bytes(), &mut output);
    assert!(matches!(result, WriteResult::InputEmpty) && read == defused.len());
    let (result, closing) = writer.finish(&mut output[wrote..]);
    assert!(matches!(result, WriteResult::InputEmpty));
    wrote += closing;
    String::from_utf8(output[..wrote].to_vec()).expect("the writer keeps UTF-8 whole")
}

thread_local! {
    // The `csv` crate's reader (its core, reused: building one costs more than a run).
    static READER: RefCell<csv_core::Reader> = RefCell::new(csv_core::Reader::new());
}

/// Every record of a whole document, each a list of fields.
fn records(reader: &mut csv_core::Reader, mut input: &[u8]) -> Vec<Vec<Vec<u8>>> {
    reader.reset();
    let mut output = vec![0; input.len() + 1];
    let mut ends = vec![0; input.len() + 2];
    let mut records = Vec::new();
    // Where the current record's bytes and field ends are, across calls (csv_core counts
    // field ends from the start of the record).
    let (mut out, mut end) = (0, 0);
    loop {
        let (result, nin, nout, nend) =
            reader.read_record(input, &mut output[out..], &mut ends[end..]);
        input = &input[nin..];
        out += nout;
        end += nend;
        match result {
            // All given: the next call, with nothing, tells the reader the input ended.
            ReadRecordResult::InputEmpty => assert!(input.is_empty()),
            ReadRecordResult::Record => {
                let mut start = 0;
                let fields = ends[..end]
                    .iter()
                    .map(|&field_end| {
                        let field = output[start..field_end].to_vec();
                        start = field_end;
                        field
                    })
                    .collect();
                records.push(fields);
                (out, end) = (0, 0);
            }
            ReadRecordResult::End => return records,
            full => panic!("output buffers sized to the input, yet {full:?}"),
        }
    }
}
