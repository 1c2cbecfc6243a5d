#include "canvas/node_style.hpp"

#include <QCoreApplication>

namespace flowlab::ui {

QColor kindColor(model::NodeKind kind) {
    switch (kind) {
        case model::NodeKind::client: return QColor(0x5c, 0x6b, 0xc0);
        case model::NodeKind::service: return QColor(0x00, 0x89, 0x7b);
        case model::NodeKind::database: return QColor(0x6d, 0x4c, 0x41);
        case model::NodeKind::queue: return QColor(0xf5, 0x7c, 0x00);
        case model::NodeKind::topic: return QColor(0x8e, 0x24, 0xaa);
        case model::NodeKind::consumer: return QColor(0x19, 0x76, 0xd2);
        case model::NodeKind::dlq: return QColor(0x75, 0x75, 0x75);
        case model::NodeKind::cache: return QColor(0x2e, 0x7d, 0x32);
        case model::NodeKind::rate_limiter: return QColor(0xc2, 0x18, 0x5b);
        case model::NodeKind::read_model: return QColor(0x00, 0x83, 0x8f);
        case model::NodeKind::orchestrator: return QColor(0xad, 0x14, 0x57);
    }
    return Qt::gray;
}

QString kindTitle(model::NodeKind kind) {
    switch (kind) {
        case model::NodeKind::client: return QCoreApplication::translate("NodeKind", "Client");
        case model::NodeKind::service: return QCoreApplication::translate("NodeKind", "Service");
        case model::NodeKind::database: return QCoreApplication::translate("NodeKind", "Database");
        case model::NodeKind::queue: return QCoreApplication::translate("NodeKind", "Queue");
        case model::NodeKind::topic: return QCoreApplication::translate("NodeKind", "Topic");
        case model::NodeKind::consumer: return QCoreApplication::translate("NodeKind", "Consumer");
        case model::NodeKind::dlq:
            return QCoreApplication::translate("NodeKind", "Dead-letter queue");
        case model::NodeKind::cache: return QCoreApplication::translate("NodeKind", "Cache");
        case model::NodeKind::rate_limiter:
            return QCoreApplication::translate("NodeKind", "Rate limiter");
        case model::NodeKind::read_model:
            return QCoreApplication::translate("NodeKind", "Read model");
        case model::NodeKind::orchestrator:
            return QCoreApplication::translate("NodeKind", "Orchestrator (saga)");
    }
    return {};
}

QColor hopColor(runtime::HopKind kind, bool failed) {
    if (failed) return failureColor();
    switch (kind) {
        case runtime::HopKind::request: return QColor(0x1e, 0x88, 0xe5);
        case runtime::HopKind::response: return QColor(0x43, 0xa0, 0x47);
        case runtime::HopKind::publish: return QColor(0xfb, 0x8c, 0x00);
        case runtime::HopKind::delivery: return QColor(0x8e, 0x24, 0xaa);
        case runtime::HopKind::dead_letter: return QColor(0x42, 0x42, 0x42);
    }
    return Qt::black;
}

QString hopTitle(runtime::HopKind kind) {
    switch (kind) {
        case runtime::HopKind::request: return QCoreApplication::translate("HopKind", "request");
        case runtime::HopKind::response: return QCoreApplication::translate("HopKind", "response");
        case runtime::HopKind::publish: return QCoreApplication::translate("HopKind", "publish");
        case runtime::HopKind::delivery: return QCoreApplication::translate("HopKind", "delivery");
        case runtime::HopKind::dead_letter:
            return QCoreApplication::translate("HopKind", "dead letter");
    }
    return {};
}

}  // namespace flowlab::ui
