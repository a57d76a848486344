// name: schema
// purpose: The graphmodel schema: a uniqueness constraint on `id` for every node label (it is
//   also the index each MERGE and MATCH by id uses), indexes on names and dates for the
//   analysts' look-ups, full-text indexes (CJK analyzer) over unit names and aliases and over
//   task text, and the indexes the loader uses to find one document's content.
// parameters: none
// Every statement is idempotent (IF NOT EXISTS); `graphmodel load` runs them before loading.

CREATE CONSTRAINT document_id IF NOT EXISTS FOR (n:Document) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT side_id IF NOT EXISTS FOR (n:Side) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT task_id IF NOT EXISTS FOR (n:Task) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT unit_id IF NOT EXISTS FOR (n:Unit) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT group_id IF NOT EXISTS FOR (n:Group) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT district_id IF NOT EXISTS FOR (n:District) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT park_id IF NOT EXISTS FOR (n:Park) REQUIRE n.id IS UNIQUE;

CREATE INDEX document_title IF NOT EXISTS FOR (n:Document) ON (n.title);
CREATE INDEX document_date IF NOT EXISTS FOR (n:Document) ON (n.date);
CREATE INDEX document_year IF NOT EXISTS FOR (n:Document) ON (n.year);
CREATE INDEX side_name IF NOT EXISTS FOR (n:Side) ON (n.name);
CREATE INDEX unit_name IF NOT EXISTS FOR (n:Unit) ON (n.name);
CREATE INDEX group_name IF NOT EXISTS FOR (n:Group) ON (n.name);
CREATE INDEX district_name IF NOT EXISTS FOR (n:District) ON (n.name);
CREATE INDEX park_name IF NOT EXISTS FOR (n:Park) ON (n.name);
CREATE INDEX task_number IF NOT EXISTS FOR (n:Task) ON (n.number);

// Chinese has no spaces: the CJK analyzer indexes overlapping pairs of characters, so 金融
// finds 地方金融监管局 and 金融合作.
CREATE FULLTEXT INDEX unit_names IF NOT EXISTS FOR (n:Unit|Group|District|Park) ON EACH [n.name, n.aliases]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}};
CREATE FULLTEXT INDEX task_text IF NOT EXISTS FOR (n:Task) ON EACH [n.title, n.text]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}};

// Replacing a document finds its tasks, pairings and counterpart links by the document id.
CREATE INDEX task_document IF NOT EXISTS FOR (n:Task) ON (n.document);
CREATE INDEX paired_with_document IF NOT EXISTS FOR ()-[r:PAIRED_WITH]-() ON (r.document);
CREATE INDEX counterpart_document IF NOT EXISTS FOR ()-[r:COUNTERPART]-() ON (r.document);
CREATE INDEX counterpart_year IF NOT EXISTS FOR ()-[r:COUNTERPART]-() ON (r.year);
