#pragma once
// Everything in the kmeans module: #include <einspan/kmeans.hpp>.
#include <einspan/kmeans/fit.hpp>
#include <einspan/kmeans/init.hpp>
#include <einspan/kmeans/options.hpp>
#include <einspan/kmeans/predict.hpp>
#include <einspan/kmeans/steps.hpp>
