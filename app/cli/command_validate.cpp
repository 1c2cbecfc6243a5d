// `flowlab-cli validate FILE...`: every file checked, every problem listed.

#include <iostream>

#include "commands.hpp"
#include "scenario_input.hpp"

#include "flowlab/run/metric_path.hpp"

namespace flowlab::cli {

int command_validate(const CommandLine& cl) {
    bool all_valid = true;
    for (const auto& file : cl.files) {
        model::ParseResult result = run::load_scenario_checked(file);
        if (result.ok()) {
            std::cout << file << ": ok\n" << std::flush;
            continue;
        }
        all_valid = false;
        std::cerr << (result.errors.empty() ? file + ": not a valid scenario\n"
                                            : diagnostics_text(result.errors))
                  << std::flush;
    }
    if (!all_valid) throw CliExit(2, "");
    return 0;
}

}  // namespace flowlab::cli
