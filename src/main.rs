use parley::server::{config::Settings, startup::Application, telemetry};

#[tokio::main]
async fn main() -> std::process::ExitCode {
    telemetry::init();
    let started = match Settings::load() {
        Ok(settings) => Application::build(settings).await,
        Err(error) => Err(error.into()),
    };
    match started {
        Ok(app) => {
            app.run_until_stopped().await;
            std::process::ExitCode::SUCCESS
        }
        Err(error) => {
            tracing::error!(%error, "Parley could not start");
            std::process::ExitCode::FAILURE
        }
    }
}
