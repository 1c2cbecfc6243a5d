#pragma once
/// "Which one?": the decision between a synchronous call, an asynchronous message and
/// the hybrid of the two, as three questions (is the caller waiting for the result? must
/// a downstream failure reach the caller? is the operation idempotent?) leading to an
/// answer with its reason and the lessons that show it. The tree is data
/// (which_one_table.cpp); WhichOneDialog walks it (Help > Which one?).

#include <QString>
#include <QStringList>
#include <vector>

namespace flowlab::ui {

/// One step of the tree: a question (with where each answer leads) or an answer.
struct WhichOneStep {
    QString id;
    /// A question, or the answer's title ("Synchronous call").
    QString text;
    /// Question: the step a yes and a no lead to. Empty for an answer.
    QString yes, no;
    /// Answer: why, in a few sentences.
    QString reason;
    /// Answer: the lessons that show it, by number ("21" opens scenarios/21-*.json):
    /// lessons that are not installed are simply not offered.
    QStringList lessons;
    bool isQuestion() const { return !yes.isEmpty(); }
};

/// The whole tree; its first step is the first question.
const std::vector<WhichOneStep>& whichOneTree();
/// The step with `id`, or null.
const WhichOneStep* whichOneStep(const QString& id);

/// The lesson file numbered `number` in `folder` ("21" -> ".../21-hybrid-checkout.json"),
/// or "" when there is none.
QString lessonFileNumbered(const QString& folder, const QString& number);

}  // namespace flowlab::ui
