namespace Marketo.Extract.Bulk;

/// <summary>
/// Saves the export ids of jobs a <see cref="BulkExportScheduler"/> run has in flight, so that a process that stops
/// at any point can pick the same jobs up on its next run instead of paying Marketo's daily export quota twice.
/// </summary>
/// <remarks>
/// <para>
/// A job id is saved from <see cref="JobCreatedAsync"/> until <see cref="JobFinishedAsync"/> or
/// <see cref="JobDiscardedAsync"/>. The next run passes each saved id back as
/// <see cref="BulkExportWorkItem.SavedExportId"/> of the work item with the same key.
/// </para>
/// <para>
/// The scheduler never calls two of these methods at the same time. An exception thrown by
/// <see cref="JobCreatedAsync"/> or <see cref="JobFinishedAsync"/> ends the run and reaches the consumer; one thrown
/// by <see cref="JobDiscardedAsync"/> while the run shuts down is logged and ignored.
/// </para>
/// </remarks>
public interface IBulkExportJobTracker
{
    /// <summary>
    /// Saves a job the scheduler just created. The scheduler awaits this before it enqueues the job, so a crash in
    /// between leaves at most an unsaved job in Created, which costs no export quota.
    /// </summary>
    /// <param name="key">The key of the work item.</param>
    /// <param name="exportId">The export id of the new job.</param>
    /// <param name="cancellationToken">A token that cancels the save.</param>
    /// <returns>A task that completes once the id is saved.</returns>
    Task JobCreatedAsync(string key, string exportId, CancellationToken cancellationToken);

    /// <summary>
    /// Forgets a job whose file the consumer finished with: called when the consumer moves past the item, that is on
    /// the next <c>MoveNextAsync</c> of the enumeration.
    /// </summary>
    /// <param name="key">The key of the work item.</param>
    /// <param name="exportId">The export id of the job.</param>
    /// <param name="cancellationToken">A token that cancels the call.</param>
    /// <returns>A task that completes once the id is forgotten.</returns>
    Task JobFinishedAsync(string key, string exportId, CancellationToken cancellationToken);

    /// <summary>
    /// Forgets a job that will never be read: it failed, timed out, was cancelled, its file expired, or Marketo no
    /// longer finds it. When the scheduler replaces the job, <see cref="JobCreatedAsync"/> follows with the new id.
    /// </summary>
    /// <param name="key">The key of the work item.</param>
    /// <param name="exportId">The export id of the job.</param>
    /// <param name="cancellationToken">A token that cancels the call.</param>
    /// <returns>A task that completes once the id is forgotten.</returns>
    Task JobDiscardedAsync(string key, string exportId, CancellationToken cancellationToken);
}
