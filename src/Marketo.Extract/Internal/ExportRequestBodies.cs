using System.Globalization;
using Marketo.Extract.Internal.Json;
using Marketo.Extract.Models;

namespace Marketo.Extract.Internal;

/// <summary>
/// Checks export requests against Marketo's rules before anything is sent, and builds their create bodies.
/// </summary>
internal static class ExportRequestBodies
{
    /// <summary>The longest date range that one bulk export filter may span.</summary>
    public static readonly TimeSpan MaxFilterRange = TimeSpan.FromDays(31);

    /// <summary>The activity type of Delete Lead, which bulk activity export does not support.</summary>
    public const int DeleteLeadActivityTypeId = 37;

    /// <summary>The columns of an activity export when the request names none, in Marketo's default order.</summary>
    public static readonly IReadOnlyList<string> StandardActivityFields =
    [
        "marketoGUID", "leadId", "activityDate", "activityTypeId", "campaignId",
        "primaryAttributeValueId", "primaryAttributeValue", "attributes",
    ];

    public static ExportCreateBody ForLeads(LeadExportRequest request)
    {
        ValidateFields(request.Fields, "LeadExportRequest.Fields", allowNull: false, nameof(request));
        var filters = new List<string>(3);
        if (request.CreatedAt is not null)
        {
            filters.Add(nameof(request.CreatedAt));
        }

        if (request.UpdatedAt is not null)
        {
            filters.Add(nameof(request.UpdatedAt));
        }

        if (request.StaticListId is not null)
        {
            filters.Add(nameof(request.StaticListId));
        }

        if (filters.Count != 1)
        {
            throw new ArgumentException(
                $"LeadExportRequest must set exactly one filter, CreatedAt, UpdatedAt or StaticListId, but it sets " +
                $"{(filters.Count == 0 ? "none" : string.Join(" and ", filters))}. Marketo accepts one filter per lead export.",
                nameof(request));
        }

        if (request.StaticListId is <= 0)
        {
            throw new ArgumentException(
                $"LeadExportRequest.StaticListId '{request.StaticListId}' is invalid: a static list id is positive.",
                nameof(request));
        }

        return new ExportCreateBody
        {
            Fields = request.Fields,
            Filter = new ExportFilterBody
            {
                CreatedAt = ToBody(request.CreatedAt, "LeadExportRequest.CreatedAt"),
                UpdatedAt = ToBody(request.UpdatedAt, "LeadExportRequest.UpdatedAt"),
                StaticListId = request.StaticListId,
            },
        };
    }

    public static ExportCreateBody ForActivities(ActivityExportRequest request)
    {
        ValidateFields(request.Fields, "ActivityExportRequest.Fields", allowNull: true, nameof(request));
        ValidateActivityTypeIds(request.ActivityTypeIds, nameof(request));
        return new ExportCreateBody
        {
            // Marketo's reference marks fields as required for activities, so the default columns are always sent.
            Fields = request.Fields ?? StandardActivityFields,
            Filter = new ExportFilterBody
            {
                CreatedAt = ToBody(request.CreatedAt, "ActivityExportRequest.CreatedAt"),
                ActivityTypeIds = request.ActivityTypeIds,
            },
        };
    }

    /// <summary>Checks a date range filter: the end after the start, at most 31 days apart in whole seconds.</summary>
    public static void ValidateRange(DateTimeRange range, string name, TimeSpan? maxDuration, string paramName)
    {
        if (range.End <= range.Start)
        {
            throw new ArgumentException(
                $"{name} is invalid: its End {Format(range.End)} must be after its Start {Format(range.Start)}.", paramName);
        }

        var sent = MarketoDateTime.TruncateToSeconds(range.End) - MarketoDateTime.TruncateToSeconds(range.Start);
        if (maxDuration is { } max && sent > max)
        {
            throw new ArgumentException(
                $"{name} spans {sent} from {Format(range.Start)} to {Format(range.End)}, more than the {max.TotalDays} " +
                "days Marketo allows in one export; split it into windows of at most that length.",
                paramName);
        }
    }

    private static ExportDateRangeBody? ToBody(DateTimeRange? range, string name)
    {
        if (range is not { } value)
        {
            return null;
        }

        ValidateRange(value, name, MaxFilterRange, "request");
        return new ExportDateRangeBody
        {
            StartAt = MarketoDateTime.FormatFilter(value.Start),
            EndAt = MarketoDateTime.FormatFilter(value.End),
        };
    }

    private static void ValidateFields(IReadOnlyList<string>? fields, string name, bool allowNull, string paramName)
    {
        if (fields is null)
        {
            if (!allowNull)
            {
                throw new ArgumentException($"{name} is missing: name at least one lead field, such as \"id\".", paramName);
            }

            return;
        }

        if (fields.Count == 0)
        {
            throw new ArgumentException(
                $"{name} is empty: name at least one field" + (allowNull ? ", or pass null for the standard columns." : "."),
                paramName);
        }

        for (var i = 0; i < fields.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(fields[i]))
            {
                throw new ArgumentException(
                    $"{name}[{i}] is blank: every field must be a REST field name, such as \"email\".", paramName);
            }
        }
    }

    private static void ValidateActivityTypeIds(IReadOnlyList<int>? activityTypeIds, string paramName)
    {
        const string name = "ActivityExportRequest.ActivityTypeIds";
        if (activityTypeIds is null)
        {
            return;
        }

        if (activityTypeIds.Count == 0)
        {
            throw new ArgumentException($"{name} is empty: name at least one type, or pass null for every type.", paramName);
        }

        if (activityTypeIds.Contains(DeleteLeadActivityTypeId))
        {
            throw new ArgumentException(
                $"{name} contains 37 (Delete Lead), which Marketo's bulk activity export does not support; read " +
                "deletions with IMarketoClient.GetDeletedLeadsAsync instead.",
                paramName);
        }

        foreach (var id in activityTypeIds)
        {
            if (id <= 0)
            {
                throw new ArgumentException($"{name} contains '{id}', which is not an activity type id; ids are positive.", paramName);
            }
        }
    }

    private static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
}
