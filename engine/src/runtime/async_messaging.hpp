#pragma once
// The messaging layer: queues (SQS-like), topics (Kafka-like), consumers and DLQs.
// Rules are split by concept: messaging.cpp (set-up, publish, job and trace plumbing),
// queue_rules.cpp, topic_rules.cpp, consumer_rules.cpp, messaging_report.cpp.

#include <boost/json/object.hpp>

#include <vector>

#include "runtime/async_nodes.hpp"
#include "runtime/message.hpp"
#include "runtime/world.hpp"

namespace flowlab::runtime {

/// What an async node holds right now, for the live view (the run layer copies it into
/// its frames; the runtime knows nothing of frames).
struct AsyncNodeView {
    std::int64_t depth = 0;                   ///< queue: visible + in flight; topic: total lag
    std::vector<std::int64_t> partition_lag;  ///< topic: per partition, max over groups
    int instances = 0, busy = 0;              ///< consumer: configured, and busy now
    bool crashed = false;                     ///< consumer: a crash fault holds it down
    std::int64_t dead_letters = 0;            ///< dlq: held now
    std::uint64_t dead_letter_arrivals = 0;   ///< dlq: arrivals since the run started
    /// topic with retention: offsets summed over partitions (expired below log_start,
    /// retained up to log_end), and each group's committed offset, in deliver-edge order
    bool retains = false;
    std::int64_t log_start = 0, log_end = 0;
    std::vector<Id> group_consumers;
    std::vector<std::int64_t> group_offsets;
    std::vector<char> group_joined;
};

enum class DeadLetterReason { max_receives, retries_exhausted };

/// A worker's hold on a message, carried by its pending delivery or retry event. 16
/// bytes, so that with the `this` pointer it fits an inline event callback.
struct WorkerHold {
    Ref msg;                     ///< the message (its generation notices an ack meanwhile)
    std::uint32_t receipt = 0;   ///< the queue receive this worker has (topics: 0)
    std::uint16_t consumer = 0;  ///< index into AsyncMessaging::consumers
    std::uint16_t epoch = 0;     ///< the consumer's crash epoch when it took the message
};

/// What a consumer invocation works on, kept beside it (by invocation id) so that its
/// end can be judged even when the message is gone by then.
struct AttemptOf {
    Ref message;                 ///< the message processed (may be acked meanwhile by another)
    std::uint64_t event_id = 0;  ///< its event id, for the idempotency audit
    std::uint32_t receipt = 0;   ///< the queue receive it works under (topics: 0)
    std::uint16_t epoch = 0;     ///< the consumer's crash epoch when the work started
    bool compensation = false;   ///< the message is a compensation event (choreography)
    bool failure_event = false;  ///< the attempt failed and told others so (on_failure_publish)
};

/// The asynchronous half of the world. The sync rules reach it through the first group
/// of methods: a node's outgoing async edge becomes `publish`, and the run asks it
/// whether anything is still in flight.
class AsyncMessaging {
public:
    /// Set up once the world's nodes and edges exist, before the first event.
    explicit AsyncMessaging(World& world);

    /// Invocation `inv` publishes on async edge `edge`; when the broker acks (or
    /// refuses) the messaging layer calls World::on_edge_done for `inv`.
    void publish(Id inv, Id edge);
    /// A consumer's invocation finished its outgoing edges (its outcome is set).
    void on_invocation_complete(Id inv);
    /// Messages not yet acked or dead-lettered (drain waits for these).
    std::uint64_t in_flight() const;
    /// Adds the async nodes' sections to report["nodes"] and fills
    /// report["conservation"] (messaging_report.cpp).
    void report(boost::json::object& report) const;
    /// Messages published, acked, dead-lettered and held now, over the whole run.
    boost::json::object conservation_section() const;
    /// A fault on an async node (crash, pause, slow, errors, poison) starts or ends.
    void apply_fault(Id node, const model::Fault& fault, bool on);
    /// What async node `node` holds now (depth, lag, instances, dead letters).
    AsyncNodeView view(Id node) const;
    /// Poison messages the queue or topic `node` still holds (the live view's banner).
    std::uint64_t poison_held(Id node) const;
    /// Parameters of async nodes changed in place in world.scenario (a live edit).
    void on_params_changed();
    /// Drops the warm-up period's figures when measuring starts (messaging_warmup.cpp).
    void on_warmup_end();
    /// Moves every message held by DLQ `dlq_node` back to where it came from; returns
    /// how many moved.
    std::uint64_t redrive(Id dlq_node);

    // --- publish (messaging.cpp) ---
    void on_publish_arrives(Ref inv, Id edge);
    void answer_publisher(Ref inv, Id edge, bool ok, Reason reason);
    Id make_message(Id broker, Ref request, std::uint32_t key, std::uint32_t span);
    void count_job_delivery(Ref request, int copies);
    void finish_job_delivery(const Message& m, bool failed);
    void dead_letter(Id msg, DeadLetterReason why, Id from_node, Id edge);

    // --- queues (queue_rules.cpp) ---
    bool queue_accept(QueueRt& q, Id msg);
    void queue_dispatch(QueueRt& q);
    void on_visibility_timeout(Id msg, std::uint32_t receipt, std::uint32_t gen);
    void queue_ack(Id msg, std::uint32_t receipt);
    void queue_release(Id msg);   // a consumer gave up on it; it reappears at its timeout
    void note_depth(QueueRt& q);  // after depth() changed: feeds depth_mean
    /// A message is handed to a consumer: its first hand-out records its wait.
    void record_wait(metrics::LatencyHistogram& wait, Message& m);

    // --- topics (topic_rules.cpp) ---
    void topic_publish(TopicRt& t, Ref inv, Id edge, std::uint32_t key);
    void topic_admit(TopicRt& t, Ref inv, Id edge, std::uint32_t key);
    void topic_dispatch(TopicRt& t, TopicGroup& g);
    void topic_commit(Id msg);
    /// Group g's log of partition p grew or shrank by `delta`: feeds the depth means.
    void note_log_change(TopicRt& t, TopicGroup& g, std::size_t p, int delta);
    void on_blocked_timeout(Id topic_node, std::uint32_t partition, std::uint32_t block_id);
    void wake_blocked(TopicRt& t, std::size_t partition);

    // --- retained logs: retention, joins, resets (event_log_rules.cpp) ---
    /// Sets up retention and the consumers that join later (from the constructor).
    void set_up_event_logs();
    /// Appends a published message to partition p's retained log; returns its entry.
    const RetainedEntry& log_append(TopicRt& t, std::size_t p, std::uint32_t key,
                                    std::uint32_t span, bool poison);
    /// A copy of retained `entry` (at `offset`) for group g, not yet in any log.
    Id make_log_copy(TopicRt& t, TopicGroup& g, std::size_t p, const RetainedEntry& entry,
                     std::uint64_t offset, Ref request);
    /// Drops what retention no longer keeps in partition p (and the copies of it that
    /// groups had not read yet).
    void expire_retained(TopicRt& t, std::size_t p);
    void on_expiry_timer(Id topic_node, std::size_t p);
    /// Consumer `node` subscribes now (its join_at_s).
    void join(Id consumer_node);
    /// Moves the offsets of consumer `node`'s group (a `reset` fault, or its start on joining).
    void move_group(Id consumer_node, model::StartOffset to, double at_s, bool joining = false);

    // --- consumers (consumer_rules.cpp) ---
    bool consumer_can_take(ConsumerRt& c);
    bool is_poison_for(Id consumer_node, std::uint64_t event_id) const;
    void deliver(Id consumer, Id msg, Id deliver_edge);
    /// What a hop of message `msg` carries, for the live view (hop_subject.cpp).
    HopSubject message_subject(Id msg) const;
    WorkerHold hold(Id consumer, Id msg);
    void resume(const WorkerHold& h);  // a delivery or retry arrives at the worker
    void start_attempt(Id consumer, Id msg, std::uint32_t receipt);
    void count_processing(ConsumerRt& c, std::uint64_t event_id);
    void release_worker(ConsumerRt& c);
    void on_work_done(Ref inv);
    void finish_attempt(Id inv, bool failed);
    void attempt_succeeded(ConsumerRt& c, const AttemptOf& of);  // ack or commit
    void attempt_failed(ConsumerRt& c, const AttemptOf& of);     // retry, dead-letter or release
    double retry_backoff_ms(ConsumerRt& c, int attempt);         // draws jitter when asked
    void retry_after(ConsumerRt& c, const AttemptOf& of, double backoff_ms);
    void dead_letter_after_retries(ConsumerRt& c, Id msg, Id dead_letter_edge);
    void autoscale(ConsumerRt& c);
    void dispatch_source(ConsumerRt& c);

    // --- choreography (choreography_rules.cpp) ---
    /// A consumer's attempt failed for good: if the consumer has `on_failure_publish`,
    /// publishes the failure event (its worker waits for the ack) and returns true. The
    /// failure is then handled: once the event is acked the message is acked too.
    bool publish_failure_event(Id inv);
    /// Marks message `msg`, published by `publisher` on `edge`, as a compensation event
    /// when it is a failure event or was published while handling one.
    void mark_compensation(Id msg, Ref publisher, Id edge);
    /// Whether the report shows the choreography figures (some consumer publishes failures).
    bool choreography() const;

    World& w;
    SlotPool<Message> messages;
    std::vector<int> index;  // node -> index into the kind's vector below, or -1
    std::vector<QueueRt> queues;
    std::vector<TopicRt> topics;
    std::vector<ConsumerRt> consumers;
    std::vector<DlqRt> dlqs;
    std::uint64_t next_event_id = 1;
    std::uint64_t publishes_in_transit = 0;  // sent by a publisher, not yet at the broker
    std::vector<AttemptOf> attempt_of;       // by invocation id (consumer invocations only)

    QueueRt* queue_of(Id node) {
        return w.nodes[node].kind == model::NodeKind::queue ? &queues[index[node]] : nullptr;
    }
    TopicRt* topic_of(Id node) {
        return w.nodes[node].kind == model::NodeKind::topic ? &topics[index[node]] : nullptr;
    }
    ConsumerRt& consumer(Id node) { return consumers[index[node]]; }
    Id dead_letter_target_edge(Id consumer_node, Id source_node) const;
};

}  // namespace flowlab::runtime
