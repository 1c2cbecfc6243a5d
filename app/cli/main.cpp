// flowlab-cli: the headless runner (see docs/cli.md). Dispatches to one command and
// turns every CliExit into its message on stderr and its exit code.

#include <exception>
#include <iostream>
#include <map>
#include <string>

#include "cli_args.hpp"
#include "commands.hpp"

namespace {

using Handler = int (*)(const flowlab::cli::CommandLine&);

/// Every command parse_command_line can return, and what runs it.
const std::map<std::string, Handler>& command_handlers() {
    using namespace flowlab::cli;
    static const std::map<std::string, Handler> table = {
        {"help",
         [](const CommandLine&) {
             std::cout << help_text();
             return 0;
         }},
        {"version",
         [](const CommandLine&) {
             std::cout << version_text();
             return 0;
         }},
        {"run", command_run},
        {"validate", command_validate},
        {"theory", command_theory},
        {"sweep", command_sweep},
        {"compare", command_compare},
        {"check", command_check},
    };
    return table;
}

}  // namespace

int main(int argc, char** argv) {
    using namespace flowlab::cli;
    try {
        const CommandLine cl = parse_command_line(argc, argv);
        return command_handlers().at(cl.command)(cl);
    } catch (const CliExit& e) {
        const std::string message = e.what();
        if (!e.usage_of.empty()) {
            std::cerr << "flowlab-cli: " << message << "\n"
                      << usage_of(e.usage_of == "*" ? "" : e.usage_of)
                      << "Try 'flowlab-cli --help' for more.\n";
        } else if (!message.empty()) {
            std::cerr << message << "\n";
        }
        return e.code;
    } catch (const std::exception& e) {
        // Anything the commands did not anticipate comes from the engine: a run failure.
        std::cerr << "flowlab-cli: " << e.what() << "\n";
        return 1;
    }
}
