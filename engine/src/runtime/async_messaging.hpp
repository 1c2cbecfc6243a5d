#pragma once
// The messaging layer: queues (SQS-like), topics (Kafka-like), consumers and DLQs.
// Rules are split by concept: messaging.cpp (set-up, publish, job and trace plumbing),
// queue_rules.cpp, topic_rules.cpp, consumer_rules.cpp, messaging_report.cpp.

#include <vector>

#include "runtime/async_nodes.hpp"
#include "runtime/message.hpp"
#include "runtime/messaging.hpp"
#include "runtime/world.hpp"

namespace flowlab::runtime {

enum class DeadLetterReason { max_receives, retries_exhausted };

class AsyncMessaging final : public Messaging {
public:
    explicit AsyncMessaging(World& world);

    // Messaging
    void start() override;
    void publish(Id inv, Id edge) override;
    void on_invocation_complete(Id inv) override;
    std::uint64_t in_flight() const override;
    void report(boost::json::object& report) const override;
    void apply_fault(Id node, const FaultView& fault, bool on) override;
    void fill_view(Id node, run::NodeFrame& view) const override;
    void on_params_changed() override;
    void on_warmup_end() override {}
    std::uint64_t redrive(Id dlq_node) override;

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
    void queue_release(Id msg);  // a consumer gave up on it; it reappears at its timeout

    // --- topics (topic_rules.cpp) ---
    void topic_publish(TopicRt& t, Ref inv, Id edge, std::uint32_t key);
    void topic_admit(TopicRt& t, Ref inv, Id edge, std::uint32_t key);
    void topic_dispatch(TopicRt& t, TopicGroup& g);
    void topic_commit(Id msg);
    void on_blocked_timeout(Id topic_node, std::uint32_t partition, std::uint32_t block_id);
    void wake_blocked(TopicRt& t, std::size_t partition);

    // --- consumers (consumer_rules.cpp) ---
    bool consumer_can_take(ConsumerRt& c);
    void deliver(Id consumer, Id msg, Id deliver_edge);
    void start_attempt(Id consumer, Id msg);
    void on_work_done(Ref inv);
    void finish_attempt(Id inv, bool failed);
    void autoscale(ConsumerRt& c);
    void dispatch_source(ConsumerRt& c);

    World& w;
    SlotPool<Message> messages;
    std::vector<int> index;  // node -> index into the kind's vector below, or -1
    std::vector<QueueRt> queues;
    std::vector<TopicRt> topics;
    std::vector<ConsumerRt> consumers;
    std::vector<DlqRt> dlqs;
    std::uint64_t next_event_id = 1;
    std::uint64_t publishes_in_transit = 0;  // sent by a publisher, not yet at the broker

    QueueRt* queue_of(Id node) { return w.nodes[node].kind == model::NodeKind::queue ? &queues[index[node]] : nullptr; }
    TopicRt* topic_of(Id node) { return w.nodes[node].kind == model::NodeKind::topic ? &topics[index[node]] : nullptr; }
    ConsumerRt& consumer(Id node) { return consumers[index[node]]; }
    Id dead_letter_target_edge(Id consumer_node, Id source_node) const;
};

}  // namespace flowlab::runtime
