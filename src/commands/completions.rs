//! `completions SHELL`: a completion script generated from the command definitions.

use anyhow::Result;
use clap::CommandFactory;

use super::Ctx;
use crate::cli::Cli;

pub fn run(ctx: &mut Ctx, shell: clap_complete::Shell) -> Result<()> {
    clap_complete::generate(shell, &mut Cli::command(), "claimtrack", ctx.out);
    Ok(())
}
