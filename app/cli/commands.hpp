#pragma once
/// The commands of flowlab-cli. Each returns the exit code of a successful
/// command (0) and throws CliExit for everything else.

#include "cli_args.hpp"

namespace flowlab::cli {

int command_run(const CommandLine& cl);
int command_validate(const CommandLine& cl);
int command_theory(const CommandLine& cl);
int command_sweep(const CommandLine& cl);
int command_compare(const CommandLine& cl);  // compare_command.cpp
int command_check(const CommandLine& cl);    // check_command.cpp

}  // namespace flowlab::cli
