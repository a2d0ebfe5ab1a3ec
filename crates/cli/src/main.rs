//! `deterrence`: the Deterrence Lab command-line tool.
//!
//! The flow follows ripgrep: [`args`] parses what the user typed (clap), each command module
//! validates it into inputs the library crates understand, runs the pure computation
//! (`exchange`), and hands the result to one exporter of `report`. Errors in user input exit
//! with status 2 and a message naming the file, line and field; other failures exit with 1.

mod args;
mod calc;
mod data;
mod input;
mod run;
mod scenario_cmd;
mod stability;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = args::Cli::parse();
    let result = match cli.command {
        args::Command::Run(a) => run::run(a),
        args::Command::Stability(a) => stability::run(a),
        args::Command::Scenario(a) => scenario_cmd::run(a),
        args::Command::Data(a) => data::run(a),
        args::Command::Calc(a) => calc::run(a),
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
