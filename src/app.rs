use crate::{
    appearance::Theme,
    chat::{
        early_socket::EarlySocket,
        provide_local_clock,
        time_zone_cookie::{utc_offset_of_the_page, KeepUtcOffset},
    },
    inline_script::InlineScript,
    lazy_pages::{
        ChatLayoutRoute, ConversationRoute, ForgotPasswordRoute, GroupInfoRoute, LogInRoute,
        NewGroupRoute, NoConversationOpenRoute, PreloadOtherPieces, ResetPasswordRoute,
        SearchMessagesRoute, SettingsRoute, SignUpRoute,
    },
    main_wasm_retry::RetryMainWasm,
    stopped_notice::StoppedNotice,
    taps_before_hydration::{carry_out_held_tap, HoldTapsBeforeHydration},
};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, HashedStylesheet, MetaTags, Title};
use leptos_router::{
    components::{ParentRoute, Route, Router, Routes},
    path, Lazy, SsrMode,
};

/// The browser's bar colour in each theme (the header's, light and dark).
const LIGHT_BAR: &str = "#1f4b99";
const DARK_BAR: &str = "#12161d";

pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    crate::server::page_policy::apply_to_page();
    let theme = Theme::current();
    // One colour for a chosen theme; for System, one per scheme.
    let bar_colours = match theme {
        Theme::Light => vec![(LIGHT_BAR, None)],
        Theme::Dark => vec![(DARK_BAR, None)],
        Theme::System => vec![
            (LIGHT_BAR, Some("(prefers-color-scheme: light)")),
            (DARK_BAR, Some("(prefers-color-scheme: dark)")),
        ],
    };
    // The offset the page's times are drawn in, for the wasm to start from (time_zone_cookie).
    let utc_offset = utc_offset_of_the_page().map(|minutes| minutes.to_string());
    view! {
        <!DOCTYPE html>
        <html lang="en" data-theme=theme.attribute() data-utc-offset=utc_offset>
            <head>
                <meta charset="utf-8"/>
                // viewport-fit=cover lets the layout use the safe-area insets of notched phones.
                <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover, interactive-widget=resizes-content"/>
                {bar_colours.into_iter().map(|(colour, media)| {
                    // `media` is not among `<meta>`'s typed attributes.
                    let media = leptos::tachys::html::attribute::custom::custom_attribute("media", media);
                    view! { <meta name="theme-color" content=colour/> }.add_any_attr(media)
                }).collect_view()}
                <link rel="icon" href="/favicon.png" type="image/png"/>
                // Installable: the manifest, the Home Screen icon for iPhones, and the service
                // worker that opens the app without a network (public/sw.js).
                <link rel="manifest" href="/manifest.webmanifest"/>
                <link rel="apple-touch-icon" href="/icons/apple-touch-icon.png"/>
                <meta name="apple-mobile-web-app-capable" content="yes"/>
                <meta name="mobile-web-app-capable" content="yes"/>
                <meta name="apple-mobile-web-app-title" content="Parley"/>
                // Its failure is caught: unheard, it would look like the wasm's (`RetryMainWasm`).
                <InlineScript script="if ('serviceWorker' in navigator) navigator.serviceWorker.register('/sw.js').catch(function () {});"/>
                <StoppedNotice/>
                <RetryMainWasm/>
                <HoldTapsBeforeHydration/>
                <KeepUtcOffset/>
                <EarlySocket/>
                // Without JavaScript there is no live socket, so no status to show.
                <noscript><style nonce=leptos::nonce::use_nonce()>".link-bar { display: none }"</style></noscript>
                // The style sheet's name carries its content hash (hash-files): in the shell,
                // which alone knows the build's hashes.
                <HashedStylesheet options=options.clone() id="leptos"/>
                <AutoReload options=options.clone()/>
                <HydrationScripts options/>
                <PieceLinks/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The files of this page's piece of the wasm (`lazy_pages`), named so they download with
/// the main file rather than after it. Only the server renders the shell.
#[component]
fn PieceLinks() -> impl IntoView {
    #[cfg(feature = "ssr")]
    let (files, loader) = crate::server::wasm_pieces::for_this_page();
    #[cfg(not(feature = "ssr"))]
    let (files, loader) = (Vec::<String>::new(), None::<String>);
    view! {
        {files.into_iter().map(|href| view! {
            <link rel="preload" href=href r#as="fetch" type="application/wasm" crossorigin="anonymous"/>
        }).collect_view()}
        {loader.map(|href| view! { <link rel="modulepreload" href=href/> })}
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_local_clock();
    carry_out_held_tap();
    view! {
        <Title text="Parley"/>
        <PreloadOtherPieces/>
        <Router>
            <Routes fallback=NotFound>
                // Async: the list and the conversation are loaded before the first byte, so a
                // visitor without a session gets a real redirect, an outsider a real 404, and
                // the history arrives in the HTML. Each page's code loads with it (`lazy_pages`).
                <ParentRoute path=path!("") view={Lazy::<ChatLayoutRoute>::new()} ssr=SsrMode::Async>
                    <Route path=path!("") view={Lazy::<NoConversationOpenRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("c/:id") view={Lazy::<ConversationRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("c/:id/info") view={Lazy::<GroupInfoRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("new-group") view={Lazy::<NewGroupRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("search") view={Lazy::<SearchMessagesRoute>::new()} ssr=SsrMode::Async/>
                </ParentRoute>
                <Route path=path!("/login") view={Lazy::<LogInRoute>::new()}/>
                <Route path=path!("/signup") view={Lazy::<SignUpRoute>::new()}/>
                <Route path=path!("/forgot-password") view={Lazy::<ForgotPasswordRoute>::new()}/>
                <Route path=path!("/reset-password") view={Lazy::<ResetPasswordRoute>::new()}/>
                <Route path=path!("/settings") view={Lazy::<SettingsRoute>::new()} ssr=SsrMode::Async/>
            </Routes>
        </Router>
    }
}

/// Makes the server-rendered response a 404 (the page still renders).
pub fn respond_not_found() {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(axum::http::StatusCode::NOT_FOUND);
    }
}

#[component]
fn NotFound() -> impl IntoView {
    respond_not_found();
    view! {
        <main class="auth">
            <h1>"Page not found"</h1>
            <p><a href="/">"Back to Parley"</a></p>
        </main>
    }
}
