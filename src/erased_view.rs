//! Type-erased views (`AnyView`) without the async hydration Leptos compiles into each one.
//!
//! `into_any()` compiles, for every view type it erases, an async `hydrate_async` beside the
//! ordinary `hydrate`, and keeps a pointer to it, so the linker cannot drop it even where
//! nothing calls it. Only lazy-loaded views hydrate that way; Parley's views are hydrated
//! synchronously (`hydrate_body`), so those copies were dead weight: 425,594 of the wasm's
//! 2,245,234 bytes, measured with `twiggy` on 2026-12-01. [`IntoErased::erase`] hands
//! `into_any()` the view wrapped in [`SyncHydrated`], whose `hydrate_async` is the trait's
//! default (the ordinary `hydrate`), so a few bytes are compiled per type instead. Everything
//! else passes straight through, on the server and in the browser.
//!
//! Some views are erased by Leptos itself: a route's view (by the router) and the children of an
//! `ActionForm`. Those are handed over wrapped, through [`sync_hydrated`], so what Leptos
//! erases is the wrapper, not the page.

use leptos::{
    prelude::*,
    tachys::{
        html::attribute::{any_attribute::AnyAttribute, Attribute},
        hydration::Cursor,
        ssr::StreamBuilder,
        view::{add_attr::AddAnyAttr, Position, PositionState, RenderHtml},
    },
};

/// A view hydrated with its ordinary, synchronous `hydrate`, also when asked to hydrate
/// asynchronously.
pub struct SyncHydrated<V>(pub V);

/// `into_any()` without the async hydration code (see the module's comment).
pub trait IntoErased: Sized {
    fn erase(self) -> AnyView;
}

impl<V: RenderHtml + Send> IntoErased for V {
    fn erase(self) -> AnyView {
        SyncHydrated(self).into_any()
    }
}

/// A view for Leptos to erase itself: a route's `view=`, an `ActionForm`'s children.
pub fn sync_hydrated<V: RenderHtml + Send>(view: V) -> SyncHydrated<V> {
    SyncHydrated(view)
}

impl<V: Render> Render for SyncHydrated<V> {
    type State = V::State;

    fn build(self) -> Self::State {
        self.0.build()
    }

    fn rebuild(self, state: &mut Self::State) {
        self.0.rebuild(state)
    }
}

impl<V: AddAnyAttr> AddAnyAttr for SyncHydrated<V> {
    type Output<SomeNewAttr: Attribute> = SyncHydrated<V::Output<SomeNewAttr>>;

    fn add_any_attr<NewAttr: Attribute>(self, attr: NewAttr) -> Self::Output<NewAttr>
    where
        Self::Output<NewAttr>: RenderHtml,
    {
        SyncHydrated(self.0.add_any_attr(attr))
    }
}

impl<V: RenderHtml> RenderHtml for SyncHydrated<V> {
    type AsyncOutput = SyncHydrated<V::AsyncOutput>;
    type Owned = SyncHydrated<V::Owned>;

    const MIN_LENGTH: usize = V::MIN_LENGTH;
    const EXISTS: bool = V::EXISTS;

    fn dry_resolve(&mut self) {
        self.0.dry_resolve()
    }

    async fn resolve(self) -> Self::AsyncOutput {
        SyncHydrated(self.0.resolve().await)
    }

    fn html_len(&self) -> usize {
        self.0.html_len()
    }

    fn to_html_with_buf(
        self,
        buf: &mut String,
        position: &mut Position,
        escape: bool,
        mark_branches: bool,
        extra_attrs: Vec<AnyAttribute>,
    ) {
        self.0
            .to_html_with_buf(buf, position, escape, mark_branches, extra_attrs)
    }

    fn to_html_async_with_buf<const OUT_OF_ORDER: bool>(
        self,
        buf: &mut StreamBuilder,
        position: &mut Position,
        escape: bool,
        mark_branches: bool,
        extra_attrs: Vec<AnyAttribute>,
    ) {
        self.0.to_html_async_with_buf::<OUT_OF_ORDER>(
            buf,
            position,
            escape,
            mark_branches,
            extra_attrs,
        )
    }

    fn hydrate<const FROM_SERVER: bool>(
        self,
        cursor: &Cursor,
        position: &PositionState,
    ) -> Self::State {
        self.0.hydrate::<FROM_SERVER>(cursor, position)
    }

    // `hydrate_async` is left to the trait's default: `hydrate::<true>` above.

    fn into_owned(self) -> Self::Owned {
        SyncHydrated(self.0.into_owned())
    }
}
