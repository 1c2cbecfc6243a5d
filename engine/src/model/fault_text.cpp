#include "flowlab/model/fault_text.hpp"

#include <iomanip>
#include <sstream>

namespace flowlab::model {

std::string fault_strength(const Fault& f) {
    auto num = [](double x) {
        std::ostringstream out;
        out << std::setprecision(3) << x;
        return out.str();
    };
    switch (f.kind) {
        case FaultKind::slow: {
            std::string text;
            if (f.factor != 1.0) {
                text = "x";
                text += num(f.factor);
            }
            if (f.extra_ms != 0) {
                if (!text.empty()) text += ' ';
                text += '+';
                text += num(f.extra_ms);
                text += " ms";
            }
            return text;
        }
        case FaultKind::errors: return num(f.failure_rate * 100) + "% errors";
        case FaultKind::spike: return num(f.rate_per_s) + "/s";
        case FaultKind::poison:
            return std::to_string(f.count) + (f.count == 1 ? " message" : " messages");
        case FaultKind::reset:
            if (f.to == StartOffset::at_time) return "to " + num(f.to_at_s) + " s";
            return f.to == StartOffset::earliest ? "to earliest" : "to latest";
        default: return {};
    }
}

bool fault_has_strength(FaultKind kind) {
    return kind == FaultKind::slow || kind == FaultKind::errors || kind == FaultKind::spike ||
           kind == FaultKind::poison || kind == FaultKind::reset;
}

}  // namespace flowlab::model
