/// The JSON document of an estimate: parcels, totals and run metadata (inputs, model, parameters, versions, time).
public enum JSONReport {
    /// The document as a JSON value.
    public static func value(_ report: EstimateReport) -> JSONValue {
        let m = report.metadata
        let index = m.model.index.name
        let parcels: [JSONValue] = report.rows.map { row in
            var o: [String: JSONValue] = [ReportColumns.parcelID: .string(row.parcelID)]
            var attributes: [String: JSONValue] = [:]
            for (field, i) in zip(report.attributeFields, report.attributeIndices) {
                attributes[field.name] = JSONValue(row.attributes[i])
            }
            o["attributes"] = .object(attributes)
            for (name, v) in zip(
                ReportColumns.figureColumns(index: index, classes: report.classColumns),
                ReportColumns.values(row, index: index, classes: report.classColumns))
            {
                switch v {
                case .number(let x): o[name] = .number(x)
                case .flag(let b): o[name] = .bool(b)
                case .text(let t): o[name] = .string(t)
                }
            }
            o[ReportColumns.notes] = .array(row.notes.map { .string($0) })
            o["factor_sources"] = .array(row.factors.sources.map { .string($0) })
            return .object(o)
        }
        let t = report.totals
        var totalsObject: [String: JSONValue] = [
            "parcels": .integer(Int64(t.parcels)), "parcel_ha": .number(t.parcelHa), "covered_ha": .number(t.coveredHa),
            "observed_ha": .number(t.observedHa), "unobserved_fraction": .number(t.unobservedFraction),
            "cloud_fraction": .number(t.cloudFraction), "nodata_fraction": .number(t.noDataFraction),
            "masked_fraction": .number(t.maskedFraction),
            "mean_ndvi": .number(t.meanNDVI), "agb_t": .number(t.agbT), "agb_t_per_ha": .number(t.agbTPerHa),
            "carbon_t": .number(t.carbonT), "co2e_t": .number(t.co2eT),
            "agb_t_filled": .number(t.agbTFilled), "co2e_t_filled": .number(t.co2eTFilled),
            "low_observed_parcels": .integer(Int64(t.lowObservedParcels)),
            "green_ha": .number(t.greenHa), "green_fraction": .number(t.greenFraction)
        ]
        if index != "ndvi" { totalsObject["mean_\(index)"] = .number(t.meanIndex) }
        if let i = t.interval {
            totalsObject["agb_t_lo90"] = .number(i.agbLow)
            totalsObject["agb_t_hi90"] = .number(i.agbHigh)
            totalsObject["co2e_t_lo90"] = .number(i.co2eLow)
            totalsObject["co2e_t_hi90"] = .number(i.co2eHigh)
            totalsObject["uncertainty_pct"] = .number(i.uncertaintyPct)
        }
        let totals: JSONValue = .object(totalsObject)
        let bands: [JSONValue] = m.bands.map {
            .object([
                "role": .string($0.role), "path": .string($0.path), "band": .integer(Int64($0.band)),
                "description": .string($0.description), "data_type": .string($0.dataType),
                "nodata": $0.nodata.map { .string($0) } ?? .null, "gdal_scale": .number($0.gdalScale),
                "gdal_offset": .number($0.gdalOffset)
            ])
        }
        var phaseObject: [String: JSONValue] = [:]
        for (name, seconds) in m.phases { phaseObject[name] = .number(seconds) }
        let phases: JSONValue = .object(phaseObject)
        let run: JSONValue = .object([
            "raster": .object([
                "bands": .array(bands), "width": .integer(Int64(m.width)), "height": .integer(Int64(m.height)),
                "crs": .string(m.rasterCRS), "crs_code": m.rasterCRSCode.map { .string($0) } ?? .null,
                "geotransform": .array(m.geoTransform.map { .number($0) }), "geographic": .bool(m.geographic),
                "scale": .number(m.scale), "offset": .number(m.offset),
                "scaling_origin": .string(m.scalingOrigin.rawValue)
            ]),
            "parcels": .object([
                "path": .string(m.parcelsPath), "layer": .string(m.parcelsLayer), "crs": .string(m.parcelsCRS),
                "features": .integer(Int64(m.featureCount)), "parcels": .integer(Int64(m.parcelCount)),
                "id_field": m.idField.map { .string($0) } ?? .null
            ]),
            "model": .object([
                "expression": .string(m.model.expression), "formula": .string(m.model.formula),
                "index": .string(m.model.index.name), "source": .string(m.model.source),
                "covariance": m.model.uncertainty.map { .array($0.covariance.map { .array($0.map { .number($0) }) }) }
                    ?? .null,
                "residual_sd": m.model.uncertainty.map { .number($0.residualSD) } ?? .null,
                "plot_area_ha": m.model.uncertainty.flatMap { $0.plotAreaHa }.map { .number($0) } ?? .null,
                "uncertainty_method": .string(m.uncertainty.method.rawValue),
                "draws": m.uncertainty.method == .monteCarlo ? .integer(Int64(m.uncertainty.draws)) : .null,
                "seed": m.uncertainty.method == .monteCarlo ? .integer(Int64(bitPattern: m.uncertainty.seed)) : .null
            ]),
            "parameters": .object([
                "root_shoot": m.factorSet == nil ? .number(m.factors.rootShoot) : .null,
                "carbon_fraction": m.factorSet == nil ? .number(m.factors.carbonFraction) : .null,
                "factors_source": .string(m.factorSet?.source ?? m.factors.source), "co2_per_carbon": .string("44/12"),
                "factor_set": m.factorSet.map { set in
                    .object([
                        "name": .string(set.name), "title": .string(set.title), "source": .string(set.source),
                        "note": set.note.map { .string($0) } ?? .null
                    ])
                } ?? .null,
                "class_field": m.classField.map { .string($0) } ?? .null,
                "min_observed": .number(m.minObserved),
                "green_threshold": .number(m.greenThreshold),
                "green_threshold_source": m.greenThresholdSource.map { .string($0) } ?? .null,
                "scl_exclude": m.bands.contains { $0.role == BandRole.scl.name }
                    ? .array(m.masks.sclExclude.sorted().map { .integer(Int64($0)) }) : .null,
                "qa_exclude_bits": m.bands.contains { $0.role == BandRole.qa.name }
                    ? .array(m.masks.qaExcludeBits.sorted().map { .integer(Int64($0)) }) : .null,
                "masks_applied": .array(m.masksApplied.map { .string($0) }),
                "threads": .integer(Int64(m.threads)), "tiles": .integer(Int64(m.tiles)),
                "tiles_read": .integer(Int64(m.tilesRead))
            ]),
            "versions": .object([
                "verdant": .string(m.verdantVersion), "gdal": .string(m.gdalVersion), "proj": .string(m.projVersion)
            ]),
            "started_at": .string(m.startedAt),
            "seconds": .number(m.seconds),
            "phases_seconds": phases
        ])
        return OutputSchema.estimate.stamped([
            "disclaimer": .string(EstimateReport.disclaimer),
            "columns": .array(
                ReportColumns.all(
                    attributes: report.attributeFields.map(\.name), index: index, classes: report.classColumns
                ).map { .string($0) }),
            "warnings": .array(m.warnings.map { .string($0) }),
            "parcels": .array(parcels),
            "totals": totals,
            "run": run
        ])
    }
}
