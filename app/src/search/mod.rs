//! The directory's search engine: one embedded tantivy index, the same on SQLite and
//! PostgreSQL. The database stays the source of truth; the index holds what a search asks
//! about each partner (`IndexedPartner`) and answers with partner ids, the total and the
//! facet counts. `server::search_sync` keeps it following the database.

pub mod analyzer;
mod collector;
mod query;

use crate::domain::{CountryCode, DirectoryQuery, OrganizationSize, RelationshipType, PAGE_SIZE};
use collector::{country_words, DirectoryCollector, COUNTRY_BITS, COUNTRY_WORDS, SIZE_BITS};
use std::path::Path;
use std::sync::Mutex;
use tantivy::directory::MmapDirectory;
use tantivy::schema::{
    Facet, FacetOptions, Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST,
    INDEXED, STRING,
};
use tantivy::{
    DocId, Index, IndexReader, IndexWriter, ReloadPolicy, Score, SegmentReader, TantivyDocument,
    Term,
};

pub use query::Hits;

/// Changes whenever the fields or the analyzers change: an index of another version is
/// rebuilt from the database.
pub const SCHEMA_VERSION: u32 = 2;

/// The index's memory for documents not yet written, split among its threads.
const WRITER_MEMORY_BYTES: usize = 50_000_000;

/// The same for an index in memory (tantivy's least).
const MEMORY_WRITER_BYTES: usize = 15_000_000;

/// What the index knows of a partner.
#[derive(Debug, Clone, PartialEq)]
pub struct IndexedPartner {
    pub partner_id: i64,
    pub name: String,
    pub services: Vec<String>,
    pub industries: Vec<String>,
    /// Every description the partner wrote (English, Chinese).
    pub descriptions: Vec<String>,
    pub places: Vec<Place>,
    pub sizes_served: Vec<OrganizationSize>,
    pub relationship_types_offered: Vec<RelationshipType>,
}

/// A place a partner serves: its country, and the folded keys (`place_key`) of its region
/// and city when named.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    pub country: CountryCode,
    pub region_key: Option<String>,
    pub city_key: Option<String>,
}

/// The fields of the index.
#[derive(Debug, Clone, Copy)]
struct Fields {
    partner_id: Field,
    /// Ranked, stemmed: name, services, industries, description (weights in that order).
    ranked: [Field; 4],
    /// The same texts word for word, for prefixes and typos.
    words: [Field; 4],
    /// The countries served, as bits (`collector::country_words`) in four fast fields.
    country_bits: [Field; COUNTRY_WORDS],
    /// The sizes served, one bit each (`OrganizationSize::bit`).
    size_bits: Field,
    offers: Field,
    /// `place_term`s, for ranking partners in the chosen city or region first.
    place: Field,
}

/// The weight of a keyword found in each of `Fields::ranked`.
const FIELD_WEIGHTS: [Score; 4] = [10.0, 4.0, 2.0, 1.0];

impl Fields {
    fn schema() -> (Schema, Fields) {
        let mut builder = Schema::builder();
        let partner_id = builder.add_u64_field("partner_id", INDEXED | FAST);
        let ranked_options = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(analyzer::STEMMED)
                .set_index_option(IndexRecordOption::WithFreqs),
        );
        let words_options = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(analyzer::WORDS)
                .set_index_option(IndexRecordOption::Basic)
                .set_fieldnorms(false),
        );
        let names = ["name", "services", "industries", "description"];
        let ranked = names.map(|name| builder.add_text_field(name, ranked_options.clone()));
        let words = names
            .map(|name| builder.add_text_field(&format!("{name}_words"), words_options.clone()));
        let country_bits = COUNTRY_BITS.map(|name| builder.add_u64_field(name, FAST));
        let size_bits = builder.add_u64_field(SIZE_BITS, FAST);
        let offers = builder.add_facet_field("offers", FacetOptions::default());
        let place = builder.add_text_field("place", STRING);
        let fields = Fields {
            partner_id,
            ranked,
            words,
            country_bits,
            size_bits,
            offers,
            place,
        };
        (builder.build(), fields)
    }

    fn document(&self, partner: &IndexedPartner) -> TantivyDocument {
        let mut document = TantivyDocument::new();
        document.add_u64(self.partner_id, partner.partner_id as u64);
        let texts = [
            partner.name.clone(),
            partner.services.join("\n"),
            partner.industries.join("\n"),
            partner.descriptions.join("\n"),
        ];
        for ((ranked, words), text) in self.ranked.iter().zip(&self.words).zip(&texts) {
            document.add_text(*ranked, text);
            document.add_text(*words, text);
        }
        let countries = country_words(partner.places.iter().map(|place| place.country.ordinal()));
        for (field, bits) in self.country_bits.iter().zip(countries) {
            document.add_u64(*field, bits);
        }
        document.add_u64(
            self.size_bits,
            OrganizationSize::set_to_bits(&partner.sizes_served) as u64,
        );
        for place in &partner.places {
            document.add_text(self.place, place_term(place.country, "", ""));
            if let Some(region) = &place.region_key {
                document.add_text(self.place, place_term(place.country, "region", region));
            }
            if let Some(city) = &place.city_key {
                document.add_text(self.place, place_term(place.country, "city", city));
            }
        }
        for kind in &partner.relationship_types_offered {
            document.add_facet(self.offers, Facet::from_path(["offers", kind.as_db()]));
        }
        document
    }
}

/// The term for "serves this city (or region) of this country".
fn place_term(country: CountryCode, kind: &str, key: &str) -> String {
    format!("{}\u{1f}{kind}\u{1f}{key}", country.as_str())
}

#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    #[error("search index: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
    #[error("search index folder {0}: {1}")]
    Folder(String, std::io::Error),
    #[error(
        "the search index in {0} is in use by another process; give each process a folder of its own (SEARCH_INDEX_DIR)"
    )]
    InUse(String),
}

/// The index, its one writer and its reader.
pub struct SearchIndex {
    index: Index,
    fields: Fields,
    reader: IndexReader,
    writer: Mutex<IndexWriter>,
}

/// What the last commit recorded alongside the index (tantivy's commit payload).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Checkpoint {
    pub schema_version: u32,
    /// The database the index was built from (`search_installation`), so an index is never
    /// used with another database's changes.
    pub database: String,
    /// Every change up to this one is in the index.
    pub applied_change: i64,
}

impl SearchIndex {
    /// Opens the index in `folder` (creating the folder), or a new empty one there when it is
    /// missing or of another schema version; in memory when `folder` is `None`.
    pub fn open(folder: Option<&Path>) -> Result<Self, IndexError> {
        let (schema, fields) = Fields::schema();
        let index = match folder {
            None => Index::create_in_ram(schema),
            Some(folder) => {
                let shown = folder.display().to_string();
                std::fs::create_dir_all(folder)
                    .map_err(|e| IndexError::Folder(shown.clone(), e))?;
                let directory = MmapDirectory::open(folder)
                    .map_err(|e| IndexError::Folder(shown.clone(), std::io::Error::other(e)))?;
                match Index::open(directory.clone()) {
                    Ok(index) if Self::version_of(&index) == Some(SCHEMA_VERSION) => index,
                    _ => {
                        // Another version, or no index, or a damaged one: start again, but
                        // never empty a folder that holds something else (a database).
                        let holds_other_files = !folder.join("meta.json").exists()
                            && std::fs::read_dir(folder)
                                .is_ok_and(|mut entries| entries.next().is_some());
                        if holds_other_files {
                            return Err(IndexError::Folder(
                                shown,
                                std::io::Error::other("holds files that are not a search index"),
                            ));
                        }
                        std::fs::remove_dir_all(folder)
                            .and_then(|()| std::fs::create_dir_all(folder))
                            .map_err(|e| IndexError::Folder(shown.clone(), e))?;
                        Index::create_in_dir(folder, schema)?
                    }
                }
            }
        };
        analyzer::register(&index);
        // An index in memory is a small one (tests, fuzzing): one thread and tantivy's least
        // memory, which a new index per fuzz input can afford.
        let writer = match folder {
            Some(_) => index.writer(WRITER_MEMORY_BYTES),
            None => index.writer_with_num_threads(1, MEMORY_WRITER_BYTES),
        };
        let writer = match writer {
            Ok(writer) => writer,
            Err(tantivy::TantivyError::LockFailure(..)) => {
                return Err(IndexError::InUse(
                    folder.map(|f| f.display().to_string()).unwrap_or_default(),
                ))
            }
            Err(error) => return Err(error.into()),
        };
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(Self {
            index,
            fields,
            reader,
            writer: Mutex::new(writer),
        })
    }

    fn version_of(index: &Index) -> Option<u32> {
        Self::checkpoint_of(index).map(|checkpoint| checkpoint.schema_version)
    }

    fn checkpoint_of(index: &Index) -> Option<Checkpoint> {
        let payload = index.load_metas().ok()?.payload?;
        serde_json::from_str(&payload).ok()
    }

    /// What the last commit recorded; `None` for an index never committed.
    pub fn checkpoint(&self) -> Option<Checkpoint> {
        Self::checkpoint_of(&self.index)
    }

    /// Partners in the index.
    pub fn len(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Replaces the entries of `changed` (adding those not there yet), removes `removed`, and
    /// commits with `checkpoint`; searches see the change when this returns. Blocks.
    pub fn apply(
        &self,
        changed: &[IndexedPartner],
        removed: &[i64],
        checkpoint: &Checkpoint,
    ) -> Result<(), IndexError> {
        let mut writer = self
            .writer
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        for id in removed
            .iter()
            .chain(changed.iter().map(|partner| &partner.partner_id))
        {
            writer.delete_term(Term::from_field_u64(self.fields.partner_id, *id as u64));
        }
        for partner in changed {
            writer.add_document(self.fields.document(partner))?;
        }
        self.commit(&mut writer, checkpoint)
    }

    /// Empties the index (the first step of a rebuild; committed with the first batch).
    pub fn clear(&self) -> Result<(), IndexError> {
        let writer = self
            .writer
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        writer.delete_all_documents()?;
        Ok(())
    }

    /// Adds partners without committing (a rebuild's batches); `commit` makes them visible.
    pub fn add(&self, partners: &[IndexedPartner]) -> Result<(), IndexError> {
        let writer = self
            .writer
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        for partner in partners {
            writer.add_document(self.fields.document(partner))?;
        }
        Ok(())
    }

    pub fn commit_with(&self, checkpoint: &Checkpoint) -> Result<(), IndexError> {
        let mut writer = self
            .writer
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        self.commit(&mut writer, checkpoint)
    }

    fn commit(&self, writer: &mut IndexWriter, checkpoint: &Checkpoint) -> Result<(), IndexError> {
        let payload = serde_json::to_string(checkpoint).unwrap_or_default();
        let mut prepared = writer.prepare_commit()?;
        prepared.set_payload(&payload);
        prepared.commit()?;
        self.reader.reload()?;
        Ok(())
    }

    /// Searches: a page of partner ids in rank order, the total, and the facet counts, in one
    /// pass over the keywords' matches. Blocks.
    pub fn search(&self, directory_query: &DirectoryQuery) -> Result<Hits, IndexError> {
        let searcher = self.reader.searcher();
        let plan = query::Plan::new(&self.fields, &searcher, directory_query)?;
        let offset = directory_query.page as usize * PAGE_SIZE as usize;
        let collector = DirectoryCollector::new(
            directory_query.country,
            directory_query.size.map(|size| size.bit() as u64),
            offset + PAGE_SIZE as usize,
            plan.scored,
            self.fields.place,
            plan.local_terms,
        );
        let gathered = searcher.search(plan.keywords.as_ref(), &collector)?;
        let partner_ids = gathered
            .best
            .iter()
            .skip(offset)
            .map(|ranked| ranked.partner_id as i64)
            .collect();
        let mut countries: Vec<(CountryCode, u64)> = gathered
            .per_country
            .iter()
            .enumerate()
            .filter(|(_, count)| **count > 0)
            .filter_map(|(ordinal, count)| Some((CountryCode::from_ordinal(ordinal)?, *count)))
            .collect();
        countries.sort_by(|(a, a_count), (b, b_count)| {
            b_count
                .cmp(a_count)
                .then_with(|| a.as_str().cmp(b.as_str()))
        });
        let sizes = OrganizationSize::ALL
            .into_iter()
            .filter_map(|size| {
                let count = *gathered.per_size.get(size as usize)?;
                (count > 0).then_some((size, count))
            })
            .collect();
        Ok(Hits {
            partner_ids,
            total: gathered.total as i64,
            countries,
            sizes,
            corrected: plan.corrected,
        })
    }
}

/// The documents of `segment` holding any of `terms` (in `field`), sorted, live ones only.
fn docs_with_any(segment: &SegmentReader, field: Field, terms: &[Term]) -> Vec<DocId> {
    use tantivy::DocSet;
    let mut docs = Vec::new();
    let Ok(inverted) = segment.inverted_index(field) else {
        return docs;
    };
    for term in terms {
        if let Ok(Some(mut postings)) = inverted.read_postings(term, IndexRecordOption::Basic) {
            let mut doc = postings.doc();
            while doc != tantivy::TERMINATED {
                if !segment.is_deleted(doc) {
                    docs.push(doc);
                }
                doc = postings.advance();
            }
        }
    }
    docs.sort_unstable();
    docs.dedup();
    docs
}
