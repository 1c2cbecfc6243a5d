// flowlab-cli: the headless runner (see docs/cli.md). Dispatches to one command and
// turns every CliExit into its message on stderr and its exit code.

#include <exception>
#include <iostream>

#include "cli_args.hpp"
#include "commands.hpp"

int main(int argc, char** argv) {
    using namespace flowlab::cli;
    try {
        const CommandLine cl = parse_command_line(argc, argv);
        if (cl.command == "help") {
            std::cout << help_text();
            return 0;
        }
        if (cl.command == "version") {
            std::cout << version_text();
            return 0;
        }
        if (cl.command == "run") return command_run(cl);
        if (cl.command == "validate") return command_validate(cl);
        if (cl.command == "theory") return command_theory(cl);
        if (cl.command == "sweep") return command_sweep(cl);
        if (cl.command == "compare") return command_compare(cl);
        if (cl.command == "check") return command_check(cl);
        std::cerr << "flowlab-cli: internal error: no handler for '" << cl.command << "'\n";
        return 1;
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
