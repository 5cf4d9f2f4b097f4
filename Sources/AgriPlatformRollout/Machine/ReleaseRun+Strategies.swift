import AgriPlatformAPI
import AgriPlatformRender
import Foundation
import KubeCore

extension ReleaseRun {
    // MARK: Rolling

    /// Rolling: the stable Deployment takes the new template and its controller replaces the pods (`maxSurge`,
    /// `maxUnavailable`); the circuit breaker, the progress deadline and the analysis roll it back.
    mutating func rolling() {
        shape = ReleaseShape(appliesStable: true)
        guard let stable = observation.stable, stable.revision == desired else {
            status.phase = .progressing
            status.message = "Updating the Deployment to revision \(short(desired))."
            requestRecheck(after: ReleaseMachine.releaseRecheckSeconds)
            return
        }
        if stable.isComplete {
            complete()
            return
        }
        if let failure = failureSignal(of: stable, checkAnalysis: true) {
            fail(failure)
            return
        }
        status.phase = .progressing
        status.message = "Rolling out revision \(short(desired)): \(readiness(of: stable))" + analysisNote + "."
    }

    // MARK: Canary

    /// Canary: a second Deployment of the new revision receives a growing share of traffic step by step; after
    /// the last step the stable Deployment moves to the new revision and the canary goes.
    mutating func canary() {
        let steps = rollout?.canary?.steps ?? []
        var index = min(Int(status.currentStepIndex ?? 0), steps.count)
        if let command = promotion, command.verb == .promoteFull, index < steps.count {
            accept(command, "skipping steps \(index + 1)–\(steps.count) and promoting")
            promotion = nil
            index = steps.count
        }
        let watched = index < steps.count ? observation.candidate : observation.stable
        if let failure = failureSignal(of: watched, checkAnalysis: true) {
            status.currentStepIndex = Int32(index)
            fail(failure)
            return
        }
        let held = status.pausedByUser == true || analysisPause != nil
        while index < steps.count {
            let step = steps[index]
            if let command = promotion {
                accept(command, "step \(index + 1)/\(steps.count) ended by a user")
                promotion = nil
                if let weight = step.setWeight { setCanaryWeight(weight) }
                advance(&index, of: steps.count, "promoted by a user")
                continue
            }
            if let weight = step.setWeight {
                let replicas = setCanaryWeight(weight)
                guard !held, candidateReady(replicas) else { break }
                advance(&index, of: steps.count, "revision \(short(desired)) has \(share(weight))")
            } else if let seconds = step.pause?.durationSeconds {
                let end = (status.stepStartedAt?.date ?? now).addingTimeInterval(Double(seconds))
                guard !held, now >= end else {
                    if !held { requestRecheck(after: end.timeIntervalSince(now)) }
                    break
                }
                advance(&index, of: steps.count, "paused \(seconds) s")
            } else {
                break  // An indefinite pause: kubectl agri promote ends it.
            }
        }
        status.currentStepIndex = Int32(index)
        guard index < steps.count else {
            promoteCanary()
            return
        }
        shape = ReleaseShape(
            appliesStable: false,
            candidate: .init(role: .canary, replicas: status.candidateReplicas ?? 0),
            activeRevision: usesTrafficRouting ? status.stableRevision : nil,
            canaryWeight: status.canaryWeight ?? 0
        )
        let stepText = "step \(index + 1)/\(steps.count)"
        let weight = status.canaryWeight ?? 0
        if let why = pauseReason() {
            status.phase = .paused
            status.message = "Canary of revision \(short(desired)) at \(weight) %, \(stepText): paused (\(why))."
        } else if steps[index].pause != nil, steps[index].pause?.durationSeconds == nil {
            status.phase = .paused
            status.message =
                "Canary of revision \(short(desired)) at \(weight) %, \(stepText): waiting for "
                + "kubectl agri promote \(service)" + analysisNote + "."
        } else {
            status.phase = .progressing
            let candidate = observation.candidate.map { ", canary \(readiness(of: $0))" } ?? ""
            status.message =
                "Canary of revision \(short(desired)) at \(weight) %, \(stepText)\(candidate)" + analysisNote + "."
        }
    }

    /// Sets the canary's weight and the pods it needs; returns the pod count.
    @discardableResult
    mutating func setCanaryWeight(_ weight: Int32) -> Int32 {
        let replicas = canaryReplicas(weight)
        status.canaryWeight = weight
        status.candidateReplicas = replicas
        return replicas
    }

    /// The canary pods for `weight`. Split by pod counts, the canary's share of all pods is the weight (stable
    /// pods stay as they are: the canary is added, never the stable scaled down), up to as many canary pods as
    /// stable ones — an even split, the most a pod ratio can give without taking capacity from the stable
    /// revision; finer or higher shares need an Ingress or Gateway API. Split by a router, the canary gets the
    /// weight's share of the stable count. At least one pod from a weight above 0.
    func canaryReplicas(_ weight: Int32) -> Int32 {
        guard weight > 0 else { return 0 }
        let stable = Double(max(stableReplicas, 1))
        let replicas: Double
        if usesTrafficRouting {
            replicas = stable * Double(min(weight, 100)) / 100
        } else if weight >= 50 {
            replicas = stable
        } else {
            replicas = stable * Double(weight) / Double(100 - weight)
        }
        return max(1, Int32(replicas.rounded(.up)))
    }

    /// The traffic share a canary step gives, in words: the weight with a router, the pod share with a ratio.
    func share(_ weight: Int32) -> String {
        guard !usesTrafficRouting else { return "\(weight) % of traffic" }
        let canary = canaryReplicas(weight)
        let total = canary + max(stableReplicas, 1)
        return "\(canary) of \(total) pods (step weight \(weight) %)"
    }

    /// Moves to the next step.
    mutating func advance(_ index: inout Int, of count: Int, _ what: String) {
        index += 1
        status.stepStartedAt = time
        status.progressedAt = time
        event("StepCompleted", "Step \(index)/\(count) of revision \(short(desired)) done: \(what).")
    }

    /// Every step is done: the stable Deployment takes the new template while the canary keeps serving, then the
    /// canary goes.
    mutating func promoteCanary() {
        if status.promotedAt == nil {
            status.promotedAt = time
            status.progressedAt = time
            event(
                "Promoted",
                "Every step of revision \(short(desired)) passed; the stable Deployment moves to it."
            )
        }
        shape = ReleaseShape(
            appliesStable: true,
            candidate: .init(role: .canary, replicas: status.candidateReplicas ?? 0),
            canaryWeight: status.canaryWeight ?? 0
        )
        if let stable = observation.stable, stable.revision == desired, stable.isComplete {
            complete()
            return
        }
        status.phase = .progressing
        let progress = observation.stable.map { ": \(readiness(of: $0))" } ?? ""
        status.message = "Promoting revision \(short(desired)) to the stable Deployment\(progress)."
    }

    // MARK: Blue-green

    /// Blue-green: a full preview of the new revision starts behind its own Service; promotion switches the
    /// active Service's selector to it at once; the old pods stay for the scale-down delay so that a rollback is
    /// a selector switch; then the stable Deployment moves to the new revision and the preview goes.
    mutating func blueGreen() {
        let replicas = max(stableReplicas, 1)
        status.candidateReplicas = replicas
        let settings = rollout?.blueGreen
        if status.promotedAt == nil {
            if let failure = failureSignal(of: observation.candidate, checkAnalysis: true) {
                fail(failure)
                return
            }
            shape = ReleaseShape(
                appliesStable: false,
                candidate: .init(role: .preview, replicas: replicas),
                activeRevision: status.stableRevision
            )
            let ready = candidateReady(replicas)
            if ready, status.previewReadyAt == nil {
                status.previewReadyAt = time
                status.progressedAt = time
                event("PreviewReady", "The preview of revision \(short(desired)) is ready (\(replicas) pods).")
            }
            let autoAt = settings?.autoPromotionSeconds.flatMap { seconds in
                status.previewReadyAt.map { $0.date.addingTimeInterval(Double(seconds)) }
            }
            let held = status.pausedByUser == true || analysisPause != nil
            if let command = promotion {
                promotion = nil
                guard ready else {
                    let progress = observation.candidate.map(readiness(of:)) ?? "not created yet"
                    reject(command, "the preview is not ready yet (\(progress)); promote it once it is")
                    return waitForPromotion(ready: false, autoAt: autoAt)
                }
                accept(command, "revision \(short(desired)) receives all traffic now")
            } else if !ready || held || autoAt.map({ now < $0 }) ?? true {
                return waitForPromotion(ready: ready, autoAt: autoAt)
            }
            let delay = Double(settings?.scaleDownDelaySeconds ?? Defaults.Rollout.scaleDownDelaySeconds)
            status.promotedAt = time
            status.progressedAt = time
            status.scaleDownAt = Time(time.date.addingTimeInterval(delay))
            event(
                "Promoted",
                "Revision \(short(desired)) receives all traffic; revision \(short(status.stableRevision ?? "")) "
                    + "stays up \(Int(delay)) s for an instant rollback."
            )
        }
        let scaleDownAt = status.scaleDownAt?.date ?? now
        let insideWindow = now < scaleDownAt
        if let failure = failureSignal(
            of: insideWindow ? observation.candidate : observation.stable,
            checkAnalysis: true
        ) {
            fail(failure)
            return
        }
        shape = ReleaseShape(
            appliesStable: !insideWindow,
            candidate: .init(role: .preview, replicas: replicas),
            activeRevision: desired
        )
        if insideWindow {
            requestRecheck(after: scaleDownAt.timeIntervalSince(now))
            status.phase = .progressing
            status.message =
                "Revision \(short(desired)) serves all traffic; revision \(short(status.stableRevision ?? "")) "
                + "stays up until \(Time(scaleDownAt)) for an instant rollback (kubectl agri undo \(service))."
            return
        }
        if let stable = observation.stable, stable.revision == desired, stable.isComplete {
            complete()
            return
        }
        status.phase = .progressing
        let progress = observation.stable.map { ": \(readiness(of: $0))" } ?? ""
        status.message = "Moving the stable Deployment to revision \(short(desired))\(progress)."
    }

    /// The preview runs and waits: for its pods, for the auto-promotion time, or for a person.
    mutating func waitForPromotion(ready: Bool, autoAt: Date?) {
        if let autoAt, ready { requestRecheck(after: autoAt.timeIntervalSince(now)) }
        let preview = "Preview of revision \(short(desired))"
        if !ready {
            status.phase = .progressing
            let progress = observation.candidate.map(readiness(of:)) ?? "starting"
            status.message = "\(preview): \(progress)" + analysisNote + "."
        } else if let why = pauseReason() {
            status.phase = .paused
            status.message = "\(preview) is ready; promotion paused (\(why))."
        } else if let autoAt {
            status.phase = .progressing
            status.message = "\(preview) is ready; promoted automatically at \(Time(autoAt))" + analysisNote + "."
        } else {
            status.phase = .paused
            status.message = "\(preview) is ready; waiting for kubectl agri promote \(service)" + analysisNote + "."
        }
    }

    // MARK: Shared

    /// Whether the candidate Deployment runs the desired revision with `replicas` ready pods.
    func candidateReady(_ replicas: Int32) -> Bool {
        guard let candidate = observation.candidate, candidate.revision == desired, candidate.observedLatest,
            candidate.specReplicas == replicas
        else { return false }
        return candidate.readyReplicas >= replicas && candidate.updatedReplicas >= replicas
    }

    /// Why the release is held, if it is: a person paused it, or the analysis has no data.
    func pauseReason() -> String? {
        if status.pausedByUser == true { return "by a user; kubectl agri resume \(service) continues" }
        return analysisPause
    }

    /// The latest measurements, for messages: `; analysis: errorRate 0.4 passed`.
    var analysisNote: String {
        guard let measurements = status.analysis?.measurements, !measurements.isEmpty else { return "" }
        let latest = measurements.prefix(3).map { measurement in
            "\(measurement.name) \(measurement.value.map(format) ?? "-") \(measurement.result.rawValue.lowercased())"
        }
        return "; analysis: " + latest.joined(separator: ", ")
    }
}
