using Marketo.Extract.Models;

namespace Marketo.Extract.Bulk.Internal;

/// <summary>Argument checks of the bulk export API, with messages that give the bad value and the fix.</summary>
internal static class BulkExportGuard
{
    /// <summary>The Delete Lead activity type, which Marketo's bulk activity export rejects.</summary>
    internal const int DeleteLeadActivityTypeId = 37;

    /// <summary>The number of activity types one bulk activity export accepts.</summary>
    internal const int MaxActivityTypesPerExport = 10;

    internal static void ThrowIfOutOfRange(bool valid, string optionName, object value, string rule)
    {
        if (!valid)
        {
            throw new ArgumentOutOfRangeException(
                optionName,
                value,
                $"{nameof(BulkExportOptions)}.{optionName} is {value}; it must be {rule}.");
        }
    }

    internal static void ThrowIfInvalidExportId(string exportId, string paramName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(exportId, paramName);
    }

    internal static void ThrowIfUndefined(BulkExportObject kind, string paramName)
    {
        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(
                paramName,
                kind,
                $"{kind} is not a bulk export object; use {nameof(BulkExportObject)}.{nameof(BulkExportObject.Leads)} " +
                $"or {nameof(BulkExportObject)}.{nameof(BulkExportObject.Activities)}.");
        }
    }

    /// <summary>Checks the activity types of an activity export against Marketo's rules for one job.</summary>
    internal static void ThrowIfInvalid(ActivityExportRequest request, string paramName)
    {
        ArgumentNullException.ThrowIfNull(request, paramName);
        var typeIds = request.ActivityTypeIds;
        if (typeIds is null)
        {
            return;
        }

        if (typeIds.Count == 0)
        {
            throw new ArgumentException(
                $"{nameof(ActivityExportRequest.ActivityTypeIds)} is empty. Pass null to export every activity type, " +
                $"or list 1 to {MaxActivityTypesPerExport} activity type ids.",
                paramName);
        }

        if (typeIds.Count > MaxActivityTypesPerExport)
        {
            throw new ArgumentException(
                $"{nameof(ActivityExportRequest.ActivityTypeIds)} lists {typeIds.Count} activity types, but one bulk " +
                $"activity export takes at most {MaxActivityTypesPerExport}. Split the types into groups of " +
                $"{MaxActivityTypesPerExport} and export each group as its own job.",
                paramName);
        }

        if (typeIds.Contains(DeleteLeadActivityTypeId))
        {
            throw new ArgumentException(
                $"{nameof(ActivityExportRequest.ActivityTypeIds)} contains {DeleteLeadActivityTypeId} (Delete Lead), " +
                "which Marketo's bulk activity export does not support. Remove it and read deleted leads with " +
                $"{nameof(IMarketoClient)}.{nameof(IMarketoClient.GetDeletedLeadsAsync)}.",
                paramName);
        }
    }
}
