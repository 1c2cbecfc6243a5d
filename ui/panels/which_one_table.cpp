// The "Which one?" decision tree as data: three questions, six answers. Lesson numbers
// are those of scenarios/NN-*.json; a number with no file installed is left out of the
// dialog, so the table may name lessons that are still being written.

#include <QCoreApplication>
#include <QDir>

#include "panels/which_one.hpp"

namespace flowlab::ui {

namespace {

QString tr(const char* text) { return QCoreApplication::translate("WhichOne", text); }

std::vector<WhichOneStep> buildTree() {
    return {
        {QStringLiteral("waiting"),
         tr("Is the caller waiting for the result: can it not go on without it?"),
         QStringLiteral("failure"),
         QStringLiteral("idempotent-async"),
         {},
         {}},
        {QStringLiteral("failure"),
         tr("Must a failure further down (a declined card, a missing item) reach the caller "
            "in the same answer?"),
         QStringLiteral("idempotent-sync"),
         QStringLiteral("idempotent-hybrid"),
         {},
         {}},
        {QStringLiteral("idempotent-sync"),
         tr("Is the operation idempotent: does doing it twice leave the same result as once?"),
         QStringLiteral("sync-retry"),
         QStringLiteral("sync-once"),
         {},
         {}},
        {QStringLiteral("idempotent-hybrid"),
         tr("Is the operation idempotent: does doing it twice leave the same result as once?"),
         QStringLiteral("hybrid"),
         QStringLiteral("hybrid-key"),
         {},
         {}},
        {QStringLiteral("idempotent-async"),
         tr("Is the operation idempotent: does doing it twice leave the same result as once?"),
         QStringLiteral("async"),
         QStringLiteral("async-dedupe"),
         {},
         {}},

        {QStringLiteral("sync-retry"),
         tr("Synchronous call, with bounded retries"),
         {},
         {},
         tr("The caller needs the answer and has to hear about a failure, so it calls and "
            "waits. Every hop it waits on multiplies into its availability and adds to its "
            "latency, so keep the chain short, give every call a timeout, and since a repeat "
            "is harmless, retry a failed call a few times with backoff, behind a circuit "
            "breaker so that retries do not pile onto a dependency that is already down."),
         {QStringLiteral("01"), QStringLiteral("03"), QStringLiteral("06"), QStringLiteral("07")}},
        {QStringLiteral("sync-once"),
         tr("Synchronous call, no blind retries"),
         {},
         {},
         tr("The caller waits and must learn of a failure, but a timed-out call may still "
            "have happened: retrying it could charge a card twice. Call once with a timeout "
            "and report the failure, or make the operation idempotent first (a request id "
            "the callee remembers), and only then retry. A hang downstream still holds the "
            "caller's threads: the timeout is what frees them."),
         {QStringLiteral("05"), QStringLiteral("08"), QStringLiteral("14")}},
        {QStringLiteral("hybrid"),
         tr("Hybrid: answer what the caller needs, the rest by event"),
         {},
         {},
         tr("X a downstream failure need not undo follows from "
            "an event, or from a job answered 202 Accepted and then polled or called back. "
            "The caller's latency and availability are those of the short synchronous part; "
            "the rest can lag, fail and retry without the caller noticing; a later step that "
            "fails for good is undone by a compensating step (a saga), not by failing the "
            "caller's request."),
         {QStringLiteral("21"), QStringLiteral("18"), QStringLiteral("25"), QStringLiteral("22"),
          QStringLiteral("23"), QStringLiteral("30"), QStringLiteral("31")}},
        {QStringLiteral("hybrid-key"),
         tr("Hybrid, with an idempotency key on the request"),
         {},
         {},
         tr("Accept the request at once (202) and finish it asynchronously, but the accept "
            "itself is retried whenever its answer is lost, and the worker behind the queue "
            "may see a message twice: give the request a key, and let the accept and the "
            "worker drop a key they have already seen, or the job runs twice."),
         {QStringLiteral("18"), QStringLiteral("14"), QStringLiteral("13")}},
        {QStringLiteral("async"),
         tr("Asynchronous: a queue or a topic"),
         {},
         {},
         tr("Nobody waits, so nobody should: publish a message and move on. The consumer "
            "works at its own pace, an outage becomes a backlog that drains later, and a "
            "topic lets several consumers each read every event. The price: delivery is at "
            "least once, order holds only within a partition, and a poison message needs a "
            "dead-letter queue."),
         {QStringLiteral("09"), QStringLiteral("10"), QStringLiteral("12"), QStringLiteral("24"),
          QStringLiteral("26")}},
        {QStringLiteral("async-dedupe"),
         tr("Asynchronous, with an idempotent consumer"),
         {},
         {},
         tr("Publish and move on, but at-least-once delivery means the consumer will see some "
            "messages twice (a visibility timeout that ran out, a crash before the ack). An "
            "operation that is not idempotent must be made so: record each message's id and "
            "drop the ones already done, or users get two emails."),
         {QStringLiteral("13"), QStringLiteral("14")}},
    };
}

}  // namespace

const std::vector<WhichOneStep>& whichOneTree() {
    static const std::vector<WhichOneStep> tree = buildTree();
    return tree;
}

const WhichOneStep* whichOneStep(const QString& id) {
    for (const WhichOneStep& step : whichOneTree())
        if (step.id == id) return &step;
    return nullptr;
}

QString lessonFileNumbered(const QString& folder, const QString& number) {
    const QStringList files =
        QDir(folder).entryList({number + QStringLiteral("-*.json")}, QDir::Files, QDir::Name);
    return files.isEmpty() ? QString() : QDir(folder).filePath(files.front());
}

}  // namespace flowlab::ui
