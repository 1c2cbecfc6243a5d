#include "document/autosave.hpp"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QUndoStack>

#include "document/scenario_document.hpp"
#include "document/scenario_file.hpp"

namespace flowlab::ui {

Autosave::Autosave(ScenarioDocument* document, QObject* parent)
    : QObject(parent), document_(document) {
    timer_.setSingleShot(true);
    timer_.setInterval(defaultIntervalMs);
    connect(&timer_, &QTimer::timeout, this, [this] {
        const QString error = saveNow();
        if (!error.isEmpty()) emit failed(error);
    });
    // The undo stack, not the document's changed(): a command changes the scenario before
    // the stack moves its index, so only then does isModified() tell the truth.
    connect(document_->undoStack(), &QUndoStack::indexChanged, this, &Autosave::onDocumentChanged);
}

QString Autosave::pathFor(const QString& documentPath) {
    const QString absolute =
        documentPath.isEmpty() ? QString() : QFileInfo(documentPath).absoluteFilePath();
    // The hash keeps two "lab.json" in different folders apart; the name keeps it readable.
    const QString hash = QString::fromLatin1(
        QCryptographicHash::hash(absolute.toUtf8(), QCryptographicHash::Sha1).toHex().left(12));
    const QString name =
        absolute.isEmpty() ? QStringLiteral("untitled") : QFileInfo(absolute).completeBaseName();
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return dir + QStringLiteral("/autosave/") + name + QLatin1Char('-') + hash +
           QStringLiteral(".json");
}

QString Autosave::recoverableFor(const QString& documentPath) {
    const QFileInfo autosave(pathFor(documentPath));
    if (!autosave.exists()) return {};
    const QFileInfo file(documentPath);
    if (file.exists() && autosave.lastModified() <= file.lastModified()) return {};
    return autosave.absoluteFilePath();
}

QString Autosave::saveNow() {
    timer_.stop();
    if (!document_->isModified()) return {};
    const QString path = pathFor(document_->filePath());
    QDir().mkpath(QFileInfo(path).absolutePath());
    const QString error = saveScenarioFile(document_->scenario(), path);
    if (error.isEmpty()) writtenPath_ = path;
    return error;
}

void Autosave::discard() {
    timer_.stop();
    // What this window wrote, wherever the document is now (a Save As moves it): another
    // window's autosave, or a crash's that is waiting to be offered, is not ours to remove.
    if (!writtenPath_.isEmpty()) QFile::remove(writtenPath_);
    writtenPath_.clear();
}

void Autosave::onDocumentChanged() {
    // The first edit after a save (or an autosave) starts the clock; later edits ride along.
    if (document_->isModified() && !timer_.isActive()) timer_.start();
}

}  // namespace flowlab::ui
