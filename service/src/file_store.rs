//! Where documents' files are kept: an object store (the `object_store` crate) on the local
//! filesystem under the data folder by default, in memory for trials, or any S3-compatible
//! store by configuration. A file is taken as a stream: its first bytes say what it is (never
//! its name alone), its size is held to the limit as it arrives, its SHA-256 is computed on the
//! way, and it is written in parts, so a large file never sits whole in memory. Keys are DXP's
//! own (`documents/{document}/{file}`), never a name a caller chose.

use std::sync::Arc;

use bytes::Bytes;
use dxp_domain::documents::{FileKind, FileRefused, recognise};
use futures_util::{Stream, StreamExt};
use object_store::aws::AmazonS3Builder;
use object_store::local::LocalFileSystem;
use object_store::memory::InMemory;
use object_store::path::Path;
use object_store::{ObjectStore, ObjectStoreExt, WriteMultipart};
use sha2::{Digest, Sha256};

/// Bytes read before a file's kind is decided.
const HEAD_BYTES: usize = 8192;

/// The default largest file: 50 MiB.
pub const DEFAULT_MAX_FILE_BYTES: u64 = 50 * 1024 * 1024;

/// The object store documents' files are kept in.
#[derive(Clone)]
pub struct FileStore {
    store: Arc<dyn ObjectStore>,
    /// Where it is, for the log (no credentials).
    description: String,
    pub max_file_bytes: u64,
}

impl std::fmt::Debug for FileStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FileStore")
            .field("store", &self.description)
            .field("max_file_bytes", &self.max_file_bytes)
            .finish()
    }
}

/// Why the store cannot be opened.
#[derive(Debug, thiserror::Error)]
pub enum FileStoreConfigError {
    #[error(
        "DXP_DOCUMENT_STORE '{0}' is not a store DXP can use: write file:///a/folder, memory:/// \
         or s3://bucket (with AWS_ENDPOINT, AWS_REGION, AWS_ACCESS_KEY_ID and \
         AWS_SECRET_ACCESS_KEY as the store needs)"
    )]
    Url(String),
    #[error("cannot open the document store {url}: {cause}")]
    Open { url: String, cause: String },
}

/// Why a file was not kept.
#[derive(Debug, thiserror::Error)]
pub enum KeepError {
    /// Its content is not a kind DXP keeps, or its name says another.
    #[error("{0}")]
    Refused(#[from] FileRefused),
    #[error("'{name}' is larger than {limit} bytes, the most DXP keeps in one file")]
    TooLarge { name: String, limit: u64 },
    /// The upload stopped before the file's end.
    #[error("'{name}' did not arrive whole: {cause}")]
    Interrupted { name: String, cause: String },
    /// The store refused or could not be reached; the cause is for the log.
    #[error("the document store is unavailable")]
    Store(String),
}

/// A file now in the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeptFile {
    pub id: String,
    pub object_key: String,
    pub file_name: String,
    pub kind: FileKind,
    pub size_bytes: u64,
    pub sha256: String,
}

impl FileStore {
    /// The store a URL names: `file:///folder`, `memory:///` or `s3://bucket[/prefix]`. An S3
    /// store reads its endpoint, region and credentials from the usual `AWS_*` variables.
    pub fn open(url: &str, max_file_bytes: u64) -> Result<Self, FileStoreConfigError> {
        let parsed = url::Url::parse(url).map_err(|_| FileStoreConfigError::Url(url.to_owned()))?;
        let open_error = |cause: String| FileStoreConfigError::Open {
            url: url.to_owned(),
            cause,
        };
        let store: Arc<dyn ObjectStore> = match parsed.scheme() {
            "file" => {
                let folder = parsed
                    .to_file_path()
                    .map_err(|()| FileStoreConfigError::Url(url.to_owned()))?;
                std::fs::create_dir_all(&folder).map_err(|error| open_error(error.to_string()))?;
                Arc::new(
                    LocalFileSystem::new_with_prefix(&folder)
                        .map_err(|error| open_error(error.to_string()))?,
                )
            }
            "memory" => Arc::new(InMemory::new()),
            "s3" => Arc::new(
                AmazonS3Builder::from_env()
                    .with_url(url)
                    .build()
                    .map_err(|error| open_error(error.to_string()))?,
            ),
            _ => return Err(FileStoreConfigError::Url(url.to_owned())),
        };
        Ok(FileStore {
            store,
            description: format!("{}://{}", parsed.scheme(), parsed.host_str().unwrap_or("")),
            max_file_bytes,
        })
    }

    /// A store in memory, for a service that keeps no documents of its own (command-line
    /// tools) and for tests.
    pub fn in_memory() -> Self {
        FileStore {
            store: Arc::new(InMemory::new()),
            description: "memory://".to_owned(),
            max_file_bytes: DEFAULT_MAX_FILE_BYTES,
        }
    }

    /// Keeps a file of `document` named `name` from its `chunks`: recognised by its first bytes,
    /// held to the size limit, checksummed, and written in parts. On any refusal or failure
    /// nothing stays in the store.
    pub async fn keep<S, E>(
        &self,
        document: &str,
        name: &str,
        chunks: S,
    ) -> Result<KeptFile, KeepError>
    where
        S: Stream<Item = Result<Bytes, E>> + Unpin,
        E: std::fmt::Display,
    {
        let id = uuid::Uuid::new_v4().to_string();
        let object_key = format!("documents/{document}/{id}");
        let interrupted = |cause: String| KeepError::Interrupted {
            name: name.to_owned(),
            cause,
        };
        let mut chunks = chunks;
        let mut head = Vec::new();
        let mut ended = false;
        while head.len() < HEAD_BYTES {
            match chunks.next().await {
                Some(chunk) => {
                    head.extend_from_slice(&chunk.map_err(|e| interrupted(e.to_string()))?)
                }
                None => {
                    ended = true;
                    break;
                }
            }
        }
        let kind = recognise(name, &head, ended)?;
        let too_large = || KeepError::TooLarge {
            name: name.to_owned(),
            limit: self.max_file_bytes,
        };
        if head.len() as u64 > self.max_file_bytes {
            return Err(too_large());
        }
        let path = Path::from(object_key.as_str());
        let upload = self
            .store
            .put_multipart(&path)
            .await
            .map_err(|error| KeepError::Store(error.to_string()))?;
        let mut writer = WriteMultipart::new(upload);
        let mut digest = Sha256::new();
        let mut size = head.len() as u64;
        digest.update(&head);
        writer.write(&head);
        let streamed: Result<(), KeepError> = async {
            // A stream is not asked again once it has ended (a multipart part panics if it is).
            while !ended && let Some(chunk) = chunks.next().await {
                let chunk = chunk.map_err(|e| interrupted(e.to_string()))?;
                size += chunk.len() as u64;
                if size > self.max_file_bytes {
                    return Err(too_large());
                }
                digest.update(&chunk);
                writer
                    .wait_for_capacity(2)
                    .await
                    .map_err(|error| KeepError::Store(error.to_string()))?;
                writer.put(chunk);
            }
            Ok(())
        }
        .await;
        if let Err(error) = streamed {
            if let Err(abort) = writer.abort().await {
                tracing::warn!(error = %abort, key = %object_key, "cannot abort a refused upload");
            }
            return Err(error);
        }
        writer
            .finish()
            .await
            .map_err(|error| KeepError::Store(error.to_string()))?;
        Ok(KeptFile {
            id,
            object_key,
            file_name: name.to_owned(),
            kind,
            size_bytes: size,
            sha256: crate::secrets::hex(&digest.finalize()),
        })
    }

    /// The bytes of a kept file, as a stream.
    pub async fn read(
        &self,
        object_key: &str,
    ) -> Result<impl Stream<Item = Result<Bytes, String>> + Send + 'static + use<>, String> {
        let found = self
            .store
            .get(&Path::from(object_key))
            .await
            .map_err(|error| error.to_string())?;
        Ok(found
            .into_stream()
            .map(|chunk| chunk.map_err(|error| error.to_string())))
    }

    /// Removes kept files whose record was not written; a failure is logged, as the files are
    /// unreachable without their records.
    pub async fn forget(&self, files: &[KeptFile]) {
        for file in files {
            if let Err(error) = self
                .store
                .delete(&Path::from(file.object_key.as_str()))
                .await
            {
                tracing::warn!(error = %error, key = %file.object_key, "cannot remove a file whose record was not written");
            }
        }
    }

    /// Where the store is, for the log.
    pub fn description(&self) -> &str {
        &self.description
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chunks(parts: &[&[u8]]) -> impl Stream<Item = Result<Bytes, String>> + Unpin {
        futures_util::stream::iter(
            parts
                .iter()
                .map(|part| Ok(Bytes::copy_from_slice(part)))
                .collect::<Vec<_>>(),
        )
    }

    #[tokio::test]
    async fn keeps_a_file_with_its_checksum_and_reads_it_back() {
        let store = FileStore::in_memory();
        let kept = store
            .keep("d1", "letter.pdf", chunks(&[b"%PDF-1.7\n", b"rest of it"]))
            .await
            .expect("kept");
        assert_eq!(kept.kind, FileKind::Pdf);
        assert_eq!(kept.size_bytes, 19);
        assert_eq!(
            kept.sha256,
            crate::secrets::sha256_hex("%PDF-1.7\nrest of it")
        );
        let mut read = Vec::new();
        let mut stream = Box::pin(store.read(&kept.object_key).await.expect("read"));
        while let Some(chunk) = stream.next().await {
            read.extend_from_slice(&chunk.expect("chunk"));
        }
        assert_eq!(read, b"%PDF-1.7\nrest of it");
    }

    #[tokio::test]
    async fn refuses_a_file_too_large_and_keeps_nothing() {
        let store = FileStore {
            max_file_bytes: 10,
            ..FileStore::in_memory()
        };
        let refused = store
            .keep("d1", "notes.txt", chunks(&[b"0123456", b"789abc"]))
            .await
            .expect_err("too large");
        assert!(
            matches!(refused, KeepError::TooLarge { limit: 10, .. }),
            "{refused}"
        );
        let listed: Vec<_> = store.store.list(None).collect().await;
        assert!(listed.is_empty(), "{listed:?}");
    }
}
