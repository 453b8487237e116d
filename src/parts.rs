//! `part!`: a function whose code is a part of the page fetched on its first call.
//!
//! With the feature `split` (the release build, `scripts/build.sh`) the function is a
//! `#[wasm_split]` split point: `wasm-split-cli` moves it, and every function only it reaches,
//! into `split_<part>.wasm`, and the call fetches that file the first time. Without the feature
//! (clippy, the wasm tests, `cargo check`) it is a plain `async fn` run in place: an unsplit
//! wasm cannot call a split point, whose import only `wasm-split-cli` resolves.
//!
//! The function returns `Result<_, E>` where `E: From<SplitLoaderError>` (a part that cannot be
//! fetched is an `Err`, never a panic). `fetch NAME` also declares `async fn NAME() ->
//! Result<(), SplitLoaderError>`, which fetches the part without calling anything in it.

macro_rules! part {
    (
        $part:ident $(, fetch $fetch:ident)?;
        $(#[$attr:meta])*
        fn $name:ident($($arg:ident: $ty:ty),* $(,)?) -> $ret:ty $body:block
    ) => {
        #[cfg(feature = "split")]
        $(#[$attr])*
        #[::leptos::wasm_split::wasm_split(
            $part,
            wasm_split_path = ::leptos::wasm_split,
            fallible
            $(, preload($fetch))?
        )]
        fn $name($($arg: $ty),*) -> $ret $body

        #[cfg(not(feature = "split"))]
        $(#[$attr])*
        async fn $name($($arg: $ty),*) -> $ret $body

        $(
            #[cfg(not(feature = "split"))]
            async fn $fetch() -> Result<(), ::leptos::wasm_split::SplitLoaderError> {
                Ok(())
            }
        )?
    };
}
