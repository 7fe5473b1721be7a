"""Text handling shared by every extractor: normalisation with an offset map, segmentation and
furniture detection. Private: the public face of these is :class:`ontherecord.Article`."""
