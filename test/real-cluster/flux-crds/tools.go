//go:build tools

// Keeps controller-gen and the Flux API packages in this module's dependency graph.
package tools

import (
	_ "github.com/fluxcd/image-reflector-controller/api/v1"
	_ "github.com/fluxcd/kustomize-controller/api/v1"
	_ "github.com/fluxcd/source-controller/api/v1"
	_ "sigs.k8s.io/controller-tools/cmd/controller-gen"
)
