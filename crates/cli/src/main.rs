//! `deterrence`: the Deterrence Lab command-line tool.
//!
//! The flow follows ripgrep: [`args`] parses what the user typed (clap), each command module
//! validates it into inputs the library crates understand, runs the pure computation
//! (`exchange`), and hands the result to one exporter of `report`. Errors in user input exit
//! with status 2 and a message naming the file, line and field; other failures exit with 1.

/// `print!` that never panics: a closed pipe (`deterrence ... | head`) ends the process quietly.
macro_rules! print {
    ($($t:tt)*) => { $crate::emit(&format!($($t)*)) };
}

/// `println!` that never panics (see `print!`).
macro_rules! println {
    () => { $crate::emit("\n") };
    ($($t:tt)*) => { $crate::emit(&format!("{}\n", format_args!($($t)*))) };
}

mod args;
mod calc;
mod calibrate_cmd;
mod data;
mod experiment;
mod forecast;
mod history_cmd;
mod input;
mod params;
mod report_cmd;
mod run;
mod scenario_cmd;
mod serve_cmd;
mod slurm;
mod stability;

use clap::Parser;
use std::io::Write;
use std::process::ExitCode;

/// Writes to standard output; exits quietly with success when the reader has gone away.
pub fn emit(text: &str) {
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("error: cannot write output: {e}");
        std::process::exit(1);
    }
}

fn main() -> ExitCode {
    let cli = args::Cli::parse();
    let result = match cli.command {
        args::Command::Run(a) => run::run(a),
        args::Command::Experiment(a) => experiment::run(a),
        args::Command::Calibrate(a) => calibrate_cmd::run(a),
        args::Command::Merge { dirs, out, force } => experiment::merge(&dirs, out.as_deref(), force),
        args::Command::Slurm(a) => slurm::run(a),
        args::Command::Analyze { dir, format, prim_box } => experiment::analyze(&dir, format, prim_box),
        args::Command::Paradox(a) => experiment::paradox(a),
        args::Command::Stability(a) => stability::run(a),
        args::Command::Params { lens, format } => params::run(&lens, format),
        args::Command::Outcomes { format } => params::outcomes(format),
        args::Command::Series { format } => params::series(format),
        args::Command::Inputs { scenario, format } => params::inputs(&scenario, format),
        args::Command::Scenario(a) => scenario_cmd::run(a),
        args::Command::Validate(a) => history_cmd::validate(a),
        args::Command::Forecast(a) => forecast::run(a),
        args::Command::Data(a) => data::run(a),
        args::Command::Calc(a) => calc::run(a),
        args::Command::Report { dir, out } => report_cmd::run(&dir, out.as_deref()),
        args::Command::Serve { port, open, bind, posterior } => serve_cmd::run(port, open, bind, posterior.as_deref()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let code = if e.downcast_ref::<input::InputError>().is_some() { 2 } else { 1 };
            eprintln!("error: {e:#}");
            ExitCode::from(code)
        }
    }
}
