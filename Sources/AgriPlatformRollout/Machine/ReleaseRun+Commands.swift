import AgriPlatformAPI
import Foundation

extension ReleaseRun {
    /// Handles a command annotation the status has not seen: exactly once, because its whole value (with its id)
    /// goes to ``RolloutStatus/lastCommand`` in the same status. Commands that cannot apply now are rejected with
    /// a Warning Event that says why; `promote` and `promote-full` are left for the strategy, which knows the step.
    mutating func handleCommand() {
        guard let value = observation.command, value != status.lastCommand else { return }
        status.lastCommand = value
        let command: RolloutCommand
        do {
            command = try RolloutCommand(parsing: value)
        } catch {
            warning("CommandRejected", error.description)
            return
        }
        let releasing =
            status.stableRevision != nil && status.stableRevision != desired
            && status.failedRevision != desired
        switch command.verb {
        case .pause:
            if releasing, strategy != .canary, strategy != .blueGreen {
                reject(command, "a rolling update cannot stop half-way; abort rolls it back")
            } else if releasing, status.promotedAt != nil {
                reject(
                    command,
                    "revision \(short(desired)) is already promoted; abort or undo returns to the stable one"
                )
            } else if status.pausedByUser == true {
                reject(command, "the release is already paused")
            } else {
                status.pausedByUser = true
                accept(command, "paused; nothing moves until kubectl agri resume \(service)")
            }
        case .resume:
            if status.pausedByUser == true {
                status.pausedByUser = nil
                accept(command, "resumed")
            } else {
                reject(command, "the release is not paused")
            }
        case .promote, .promoteFull:
            if !releasing {
                reject(command, "no release is in progress")
            } else if strategy != .canary && strategy != .blueGreen {
                reject(command, "a rolling update has no steps to promote; it completes by itself")
            } else {
                // The strategy knows the step: it accepts (or rejects) the command when it uses it.
                promotion = command
                status.pausedByUser = nil
            }
        case .abort:
            if releasing {
                accept(command, "aborting revision \(short(desired))")
                markFailed(FailureReason.aborted)
                warning(
                    "Aborted",
                    "Revision \(short(desired)) was aborted by a user; traffic returns to revision "
                        + "\(short(status.stableRevision ?? "")) first, then the new pods are removed."
                )
            } else {
                reject(command, "no release is in progress")
            }
        case .retry:
            if status.failedRevision == desired {
                let failedJob = status.failureReason == FailureReason.migrationFailed ? status.migration?.job : nil
                resetRelease()
                if let failedJob {
                    // The migration gate deletes the failed Job (level-triggered) until it runs again.
                    status.migration = MigrationStatus(job: failedJob, state: MigrationStatus.retrying)
                }
                event(
                    "ReleaseStarted",
                    "Releasing revision \(short(desired)) (\(observation.service.image)) again with strategy "
                        + "\(strategy.rawValue)."
                )
                accept(command, "releasing revision \(short(desired)) again from the start")
            } else {
                reject(command, "revision \(short(desired)) has not failed")
            }
        case .undo:
            undo(command)
        }
    }

    /// `undo`: while a release is in progress, the same as `abort`; otherwise go back to a completed revision
    /// (the one before the stable one, or the one named), which becomes the stable revision; the spec's revision
    /// is held as rolled back until the spec changes or `retry`.
    mutating func undo(_ command: RolloutCommand) {
        let releasing =
            status.stableRevision != nil && status.stableRevision != desired
            && status.failedRevision != desired
        if releasing, command.argument == nil {
            accept(command, "aborting revision \(short(desired))")
            markFailed(FailureReason.undone)
            warning("RolledBack", "A user undid revision \(short(desired)) while it was releasing.")
            return
        }
        let history = status.history ?? []
        let current = status.stableRevision
        let target: RevisionRecord?
        if let prefix = command.argument {
            target = history.first { $0.revision.hasPrefix(prefix) && $0.revision != current }
        } else {
            target = history.first { $0.revision != current }
        }
        guard let target else {
            let known = history.map { short($0.revision) }.joined(separator: ", ")
            reject(
                command,
                command.argument.map { "no completed revision starts with \($0) (history: \(known))" }
                    ?? "there is no earlier completed revision (history: \(known.isEmpty ? "empty" : known))"
            )
            return
        }
        accept(command, "returning to revision \(short(target.revision))")
        status.stableRevision = target.revision
        status.promotedAt = nil
        if target.revision == desired {
            // Back to the spec's own revision: nothing is held any more.
            status.failedRevision = nil
            status.failureReason = nil
        } else {
            status.failedRevision = desired
            status.failureReason = FailureReason.undone
        }
        warning(
            "RolledBack",
            "A user undid revision \(short(desired)); revision \(short(target.revision))"
                + (target.image.map { " (\($0))" } ?? "") + " serves again."
        )
    }

    /// Rejects a promotion no step used.
    mutating func finish() {
        if let promotion {
            reject(promotion, "there is nothing to promote at this point of the release (\(status.message ?? ""))")
            self.promotion = nil
        }
    }

    mutating func accept(_ command: RolloutCommand, _ what: String) {
        event("CommandHandled", "\(command.verb.rawValue) (\(command.id)): \(what).")
    }

    mutating func reject(_ command: RolloutCommand, _ why: String) {
        warning("CommandRejected", "\(command.verb.rawValue) (\(command.id)) was ignored: \(why).")
    }
}
